package dev.taskrt.inspect;

import java.io.PrintStream;

/**
 * The terminal side of the views: lines at most {@link #WIDTH} columns, and ANSI colours only when
 * they were asked for (by default, when standard output is a terminal and {@code NO_COLOR} is not
 * set).
 */
final class TextOut {
  /** Columns a line may use. */
  static final int WIDTH = 80;

  private static final String RESET = "\u001b[0m";

  private final PrintStream out;
  private final boolean colour;

  TextOut(PrintStream out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  /** Whether colours are on, by default: a console, and no {@code NO_COLOR} in the environment. */
  static boolean colourByDefault() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty());
  }

  void line(String text) {
    out.println(text);
  }

  void blank() {
    out.println();
  }

  /** A section heading. */
  void heading(String text) {
    out.println(bold(text));
  }

  String bold(String text) {
    return colour ? "\u001b[1m" + text + RESET : text;
  }

  String dim(String text) {
    return colour ? "\u001b[2m" + text + RESET : text;
  }

  /** An outcome word in its colour: DONE green, FAILED red, KILLED yellow, RUNNING blue. */
  String outcome(String outcome) {
    if (!colour || outcome == null) {
      return outcome;
    }
    switch (outcome) {
      case "DONE":
        return "\u001b[32m" + outcome + RESET;
      case "FAILED":
      case "TIMED_OUT":
        return "\u001b[31;1m" + outcome + RESET;
      case "KILLED":
        return "\u001b[33m" + outcome + RESET;
      default:
        return "\u001b[34m" + outcome + RESET;
    }
  }

  /** Red text for failures. */
  String failure(String text) {
    return colour ? "\u001b[31m" + text + RESET : text;
  }

  void flush() {
    out.flush();
  }
}
