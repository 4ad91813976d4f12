package dev.taskrt.agent;

import dev.taskrt.agent.instrument.ClassTransformer;
import dev.taskrt.internal.entry.HiddenClassDefinitions;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Lets the fourth rule of {@code FrameWorth} (a small method left without a frame because every
 * method its calls may run keeps one, a promise kept for classes loaded later) start promising, at
 * premain, once every way a class can be defined is watched: the application transformer sees every
 * class the JVM defines from a class file, the hidden-class hook ({@link HiddenClassDefinitions},
 * which needs {@code MethodHandles.Lookup} rewritten) every class defined through the public
 * hidden-class API, and the classes loaded before the agent started are read here. Any of these
 * missing, the rule stays off and the agent frames as it did without it. Never under attach: too
 * much is loaded already.
 */
final class PromiseStart {
  private PromiseStart() {}

  /**
   * @param inst the JVM's instrumentation
   * @param transformer the application transformer, already installed
   * @param promises what the rule promised (so far nothing)
   * @param lookupRewritten whether {@code MethodHandles.Lookup} calls the hidden-class hook
   * @return whether the rule is on
   */
  static boolean start(
      Instrumentation inst,
      ClassTransformer transformer,
      ClassTransformer.Promises promises,
      boolean lookupRewritten) {
    if (!lookupRewritten) {
      return false;
    }
    HiddenClassDefinitions.install(transformer::transformHidden);
    try {
      for (Class<?> c : inst.getAllLoadedClasses()) {
        readLoadedBefore(c, promises);
      }
    } catch (Throwable e) {
      return false; // a class whose methods cannot be read: the rule stays off
    }
    promises.startPromising();
    return true;
  }

  /**
   * Records a class loaded before the agent started, which it never rewrote: no call may resolve
   * through it (its class file read ahead would describe frames it does not have), and, when it may
   * override a method of a class a pattern covers (an interface, or a class whose superclass is not
   * a {@code java.} class), the keys of its methods are unsafe. The JDK's classes, the runtime's
   * and the agent's are passed over (a pattern never covers them).
   */
  private static void readLoadedBefore(Class<?> c, ClassTransformer.Promises promises) {
    if (c.isArray() || c.isPrimitive()) {
      return;
    }
    String name = c.getName().replace('.', '/');
    if (ClassTransformer.isPlatformOrAgentClass(name)) {
      return;
    }
    promises.loadedBefore(name);
    Class<?> superclass = c.getSuperclass();
    if (!c.isInterface() && superclass != null && superclass.getName().startsWith("java.")) {
      return;
    }
    for (Method m : c.getDeclaredMethods()) {
      if ((m.getModifiers() & (Modifier.STATIC | Modifier.PRIVATE | Modifier.ABSTRACT)) == 0) {
        promises.loadedBefore(
            name,
            m.getName()
                + MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString());
      }
    }
  }
}
