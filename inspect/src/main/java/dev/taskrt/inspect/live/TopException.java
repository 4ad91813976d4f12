package dev.taskrt.inspect.live;

/** A problem that ends {@code top}: one line naming it and the fix, and the exit status. */
final class TopException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The command line could not be understood. */
  static final int USAGE = 2;

  /** No process has that id. */
  static final int NO_PROCESS = 3;

  /** The process could not be attached to: another user's, not a JVM, or attach refused. */
  static final int NOT_ATTACHABLE = 4;

  /** The JVM runs without the taskrt agent. */
  static final int NO_AGENT = 5;

  /** Attached, but no live-task snapshot arrived, or the JVM went away. */
  static final int NO_SNAPSHOT = 6;

  /** The exit status for this problem. */
  final int status;

  TopException(int status, String message) {
    super(message);
    this.status = status;
  }

  TopException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }
}
