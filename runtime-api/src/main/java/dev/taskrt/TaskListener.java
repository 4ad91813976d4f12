package dev.taskrt;

/**
 * Service-provider interface for lifecycle callbacks (logging MDC, tracing bridges).
 * Implementations are found with {@link java.util.ServiceLoader} from the system class loader when
 * the kernel starts. Both methods run on the task's own thread; a listener that throws is reported
 * once and never changes the task's outcome.
 */
public interface TaskListener {
  /** Called on the task's thread before its body runs. */
  default void onStart(TaskHandle<?> task) {}

  /**
   * Called on the task's thread after its hooks ran and its outcome was decided.
   *
   * @param outcome {@link TaskState#DONE}, {@link TaskState#FAILED} or {@link TaskState#KILLED}
   * @param failure what the task failed or was killed with, or null
   */
  default void onEnd(TaskHandle<?> task, TaskState outcome, Throwable failure) {}
}
