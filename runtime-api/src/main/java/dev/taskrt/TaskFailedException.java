package dev.taskrt;

/** Thrown by {@link TaskHandle#join()} when the task failed or was killed; the cause says why. */
public class TaskFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure of the named task with the given cause. */
  public TaskFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
