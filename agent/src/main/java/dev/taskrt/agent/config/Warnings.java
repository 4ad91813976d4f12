package dev.taskrt.agent.config;

import java.io.PrintStream;

/**
 * Where the agent's warnings go: one line each on stderr. Under {@code strict=true} a warning stops
 * the JVM instead (status 3), for CI runs that must not go on with a part skipped.
 */
public final class Warnings {
  /** The exit status of a JVM stopped by a strict warning. */
  public static final int STRICT_STATUS = 3;

  private final PrintStream out;
  private final boolean strict;

  /**
   * @param out where warnings are printed
   * @param strict whether a warning stops the JVM
   */
  public Warnings(PrintStream out, boolean strict) {
    this.out = out;
    this.strict = strict;
  }

  /** Prints one warning, prefixed {@code taskrt: }; under strict, then halts the JVM. */
  public void warn(String message) {
    out.println("taskrt: " + message + (strict ? " (strict=true: stopping the JVM)" : ""));
    if (strict) {
      out.flush();
      Runtime.getRuntime().halt(STRICT_STATUS);
    }
  }

  /** A class loads as it is because rewriting it failed: {@code what} failed with {@code e}. */
  public void leftUnchanged(String internalName, String what, Throwable e) {
    warn(
        "left class "
            + internalName.replace('/', '.')
            + " unchanged: "
            + what
            + " failed with "
            + e);
  }
}
