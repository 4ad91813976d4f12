package dev.taskrt;

/** Thrown by {@link TaskHandle#join(java.time.Duration)} when the task outlives the timeout. */
public class TaskTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A timeout with the given message. */
  public TaskTimeoutException(String message) {
    super(message);
  }
}
