package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.Warnings;
import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * After a dynamic attach: the classes already loaded that have targets (a taskrt annotation, a
 * pattern naming them, or a class loader) are retransformed. A retransformation cannot add methods,
 * so {@code @Spawn}, {@code @Task(stackSize)} and {@code @AtExit} apply only to classes loaded
 * after the attach; the transformer says so for each.
 */
public final class LoadedClasses {
  private LoadedClasses() {}

  /**
   * Retransforms the loaded application classes that may hold targets; a class the JVM refuses is
   * reported and left as it is.
   */
  public static void retransform(Instrumentation inst, Targets targets, Warnings warnings) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null
          || c.isArray()
          || c.isPrimitive()
          || c.isHidden()
          || !inst.isModifiableClass(c)
          || ClassTransformer.isPlatformOrAgentClass(c.getName().replace('.', '/'))) {
        continue;
      }
      if (targets.anyPatternMatchesClass(c.getName())
          || ClassLoader.class.isAssignableFrom(c)
          || hasTaskrtAnnotation(c)) {
        candidates.add(c);
      }
    }
    for (Class<?> c : candidates) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable e) {
        warnings.warn("could not retransform " + c.getName() + " after attach: " + e);
      }
    }
  }

  private static boolean hasTaskrtAnnotation(Class<?> c) {
    try {
      for (Method m : c.getDeclaredMethods()) {
        for (Annotation a : m.getDeclaredAnnotations()) {
          if (a.annotationType().getName().startsWith("dev.taskrt.")) {
            return true;
          }
        }
      }
    } catch (Throwable e) {
      // a class whose methods cannot be listed is left alone
    }
    return false;
  }
}
