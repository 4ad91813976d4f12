package dev.taskrt.internal;

/**
 * Not API. What a double failure (a hook failing while its scope already fails) does: {@code
 * record} (default) keeps it as a suppressed exception; {@code abort} prints both and halts the JVM
 * with status 134, as the classic runtime aborted the process.
 */
final class DoubleFailurePolicy {
  private DoubleFailurePolicy() {}

  static void onDoubleFailure(TaskContext task, Throwable original, Throwable hookFailure) {
    if (!"abort".equals(KernelState.get().settings().doubleFailure())) {
      return;
    }
    System.err.println(
        "taskrt: double failure in " + task.label() + "; doubleFailure=abort halts the JVM");
    System.err.println("taskrt: original failure:");
    original.printStackTrace();
    System.err.println("taskrt: failure in an unwinding hook:");
    hookFailure.printStackTrace();
    System.err.flush();
    Runtime.getRuntime().halt(134);
  }
}
