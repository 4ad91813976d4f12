package dev.taskrt.internal;

import dev.taskrt.SpawnMode;

/**
 * Not API. What the agent resolved about a rewritten method at transform time: where it is, its
 * estimated frame size, and the task options of its annotation or pattern.
 *
 * @param className binary class name, dots as separators
 * @param methodName the method's name
 * @param descriptor the method's JVM descriptor
 * @param frameBytes estimated frame size from {@code max_locals} and {@code max_stack}
 * @param taskName the task name ({@code SimpleClassName.method} unless given)
 * @param mode the spawn mode
 * @param stackLimit stack limit in bytes, 0 for the kernel default
 * @param stackSize thread stack size in bytes, 0 for none
 * @param scheduler scheduler name, empty for the kernel default
 * @param weak whether a spawned task is weak
 */
public record MethodInfo(
    String className,
    String methodName,
    String descriptor,
    int frameBytes,
    String taskName,
    SpawnMode mode,
    long stackLimit,
    long stackSize,
    String scheduler,
    boolean weak) {

  /** A method that only needs a name (frames, foreign calls, boundaries). */
  public static MethodInfo frame(
      String className, String methodName, String descriptor, int frameBytes) {
    return new MethodInfo(
        className,
        methodName,
        descriptor,
        frameBytes,
        simpleName(className) + "." + methodName,
        SpawnMode.LINKED,
        0,
        0,
        "",
        false);
  }

  /** {@code SimpleClassName.method}. */
  public String displayName() {
    return simpleName(className) + "." + methodName;
  }

  /** The class name after its package and enclosing classes. */
  public static String simpleName(String className) {
    int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
    return className.substring(cut + 1);
  }
}
