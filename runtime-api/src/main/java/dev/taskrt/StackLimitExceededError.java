package dev.taskrt;

/**
 * Thrown by an instrumented frame that would take its task's stack accounting over the task's
 * {@code stackLimit}; the frame's body does not run. Thrown before a real {@link
 * StackOverflowError}, so the task's hooks have room to run.
 */
public class StackLimitExceededError extends Error {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public StackLimitExceededError(String message) {
    super(message);
  }
}
