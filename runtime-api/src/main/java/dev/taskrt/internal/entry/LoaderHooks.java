package dev.taskrt.internal.entry;

/**
 * Called from the {@code loadClass} methods of application class loaders that the agent rewrote:
 * taskrt's own classes always come from the bootstrap class loader, so a child-first loader that
 * carries its own copy of runtime-api still shares the one kernel of the JVM.
 */
public final class LoaderHooks {
  private static final String PREFIX = "dev.taskrt.";

  private LoaderHooks() {}

  /**
   * The bootstrap loader's class of that name when it is one of taskrt's, else null (the loader
   * then goes on as it would have).
   *
   * @param name a binary class name
   */
  public static Class<?> find(String name) {
    if (name == null || !name.startsWith(PREFIX) || !isRuntimeOrAgent(name)) {
      return null;
    }
    try {
      return Class.forName(name, false, null);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** {@code dev.taskrt.X}, {@code dev.taskrt.internal...} and {@code dev.taskrt.agent...}. */
  private static boolean isRuntimeOrAgent(String name) {
    return name.indexOf('.', PREFIX.length()) < 0
        || name.startsWith("dev.taskrt.internal.")
        || name.startsWith("dev.taskrt.agent.");
  }
}
