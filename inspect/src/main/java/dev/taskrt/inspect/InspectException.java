package dev.taskrt.inspect;

/** A problem that ends the command with one clear message and an {@link ExitStatus}. */
final class InspectException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The exit status the command returns. */
  final int status;

  InspectException(int status, String message) {
    super(message);
    this.status = status;
  }

  InspectException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }
}
