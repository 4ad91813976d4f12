package dev.taskrt.inspect;

/**
 * The exit statuses of {@code inspect}, one per kind of problem, so scripts can tell them apart.
 * Documented in {@code docs/INSPECT.md}.
 */
public final class ExitStatus {
  /** The views were written. */
  public static final int OK = 0;

  /** Something else went wrong (an output file could not be written, an internal error). */
  public static final int ERROR = 1;

  /** The command line was not understood. */
  public static final int USAGE = 2;

  /** The file does not exist or cannot be read. */
  public static final int NO_FILE = 3;

  /** The file is not a JFR recording. */
  public static final int NOT_A_RECORDING = 4;

  /** The recording is truncated or damaged (cut off while it was written, for example). */
  public static final int TRUNCATED = 5;

  /** The recording holds no taskrt events. */
  public static final int NO_TASKRT_EVENTS = 6;

  private ExitStatus() {}
}
