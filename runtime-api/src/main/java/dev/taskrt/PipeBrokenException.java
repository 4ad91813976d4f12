package dev.taskrt;

/**
 * The sending side of a pipe failed: the task that held its chan ended FAILED or KILLED. Receivers
 * get every message sent before the failure first, then this exception; its {@link #getCause()} is
 * what the sending task failed or was killed with.
 */
public class PipeBrokenException extends PipeClosedException {
  private static final long serialVersionUID = 1L;

  /** An exception saying which pipe broke, caused by the sender's failure. */
  public PipeBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
