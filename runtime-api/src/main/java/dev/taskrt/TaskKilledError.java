package dev.taskrt;

/**
 * Thrown inside a killed task at its next checkpoint. It is an {@link Error} so that {@code catch
 * (Exception e)} cannot swallow it, and it is thrown again at every later checkpoint if caught. The
 * cause is why the task was killed (for example a linked task's failure), or null for a plain
 * cancellation.
 */
public class TaskKilledError extends Error {
  private static final long serialVersionUID = 1L;

  /** A kill with the given explanation and cause. */
  public TaskKilledError(String message, Throwable cause) {
    super(message, cause);
  }
}
