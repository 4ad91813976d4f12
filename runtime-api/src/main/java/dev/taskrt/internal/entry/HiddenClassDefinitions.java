package dev.taskrt.internal.entry;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not API. Called at the top of {@code MethodHandles.Lookup.defineHiddenClass} and {@code
 * defineHiddenClassWithClassData}, which the agent rewrote: the bytes of every class defined
 * through the public hidden-class API pass through the one installed {@link Hook}, which may read
 * them or give other bytes to define instead.
 *
 * <p>Design notes: a hidden class never reaches a class file transformer, so without this no agent
 * sees it (docs/PERFORMANCE.md, "What a sound rule reaching that far would need", item 4). The JDK
 * defines its own hidden classes below these two methods, except on JDK 17 (not 25), whose lambda
 * classes come through {@code defineHiddenClass} too: there a hook runs inside the linkage of every
 * lambda, and a lambda it links for the first time comes back into it. {@link #bytesToDefine} runs
 * inside a JDK method on any thread: it never throws and takes no lock; a failing hook costs one
 * line on stderr, once, and the class is defined from the bytes it was given.
 */
public final class HiddenClassDefinitions {
  /** Sees, and may replace, the bytes of each hidden class before it is defined. */
  public interface Hook {
    /**
     * The bytes to define: {@code bytes}, other bytes, or null for {@code bytes} unchanged.
     *
     * @param lookupClass the lookup class of the {@code Lookup} the class is defined through: the
     *     new class gets its loader and package
     * @param bytes the class file the caller gave, not to be changed in place
     */
    byte[] bytesToDefine(Class<?> lookupClass, byte[] bytes);
  }

  private static volatile Hook hook;
  private static final AtomicBoolean failureReported = new AtomicBoolean();

  private HiddenClassDefinitions() {}

  /** Makes {@code hook} the one hook (the last installed wins); null removes it. */
  public static void install(Hook hook) {
    HiddenClassDefinitions.hook = hook;
  }

  /**
   * The bytes a rewritten {@code defineHiddenClass} goes on with: the hook's, or {@code bytes} when
   * there is no hook, the hook returns null or it throws. Never throws.
   *
   * @param lookup the {@code MethodHandles.Lookup} the class is defined through
   * @param bytes the class file the caller gave (null goes on to the JDK's own null check)
   */
  public static byte[] bytesToDefine(Object lookup, byte[] bytes) {
    Hook current = hook;
    if (current == null || bytes == null) {
      return bytes;
    }
    try {
      // a copy: the JDK clones the caller's array only after this, and another thread could
      // change the array between the hook's check and the definition
      byte[] copy = bytes.clone();
      byte[] replaced = current.bytesToDefine(((MethodHandles.Lookup) lookup).lookupClass(), copy);
      return replaced == null ? copy : replaced;
    } catch (Throwable e) {
      reportOnce(e);
      return bytes;
    }
  }

  private static void reportOnce(Throwable e) {
    try {
      if (failureReported.compareAndSet(false, true)) {
        System.err.println(
            "taskrt: the hidden-class hook failed ("
                + e
                + "); hidden classes are defined as given (reported once)");
      }
    } catch (Throwable ignored) {
      // nothing more to do: the class is still defined
    }
  }
}
