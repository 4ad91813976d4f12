package dev.taskrt;

/**
 * A pipe has ended for the caller: a send found the port closed (the receiver is gone) or the pipe
 * already closed, or a receive found the pipe closed and every message already taken.
 *
 * <p>A clean end is this exception; an end caused by a sender's failure is the subclass {@link
 * PipeBrokenException}, so {@code catch (PipeClosedException e)} handles both.
 */
public class PipeClosedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying which pipe ended and how. */
  public PipeClosedException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  protected PipeClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
