package dev.taskrt.inspect;

import java.util.Locale;

/** How figures read in the terminal: durations, byte amounts, counts; ASCII only. */
final class Format {
  private Format() {}

  /** {@code 845 ns}, {@code 12.3 us}, {@code 4.56 ms}, {@code 1.20 s}, {@code 3m05s}. */
  static String duration(long nanos) {
    if (nanos < 0) {
      return "-";
    }
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return scaled(nanos / 1e3) + " us";
    }
    if (nanos < 1_000_000_000) {
      return scaled(nanos / 1e6) + " ms";
    }
    if (nanos < 60_000_000_000L) {
      return scaled(nanos / 1e9) + " s";
    }
    long seconds = nanos / 1_000_000_000L;
    return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  /** {@code 512 B}, {@code 12.0 KiB}, {@code 3.40 MiB}, {@code 1.20 GiB}. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "-";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1L << 20) {
      return scaled(bytes / 1024.0) + " KiB";
    }
    if (bytes < 1L << 30) {
      return scaled(bytes / (double) (1L << 20)) + " MiB";
    }
    return scaled(bytes / (double) (1L << 30)) + " GiB";
  }

  /** Three significant figures. */
  private static String scaled(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** {@code 1,234,567}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code +1.234 s} from the recording's origin. */
  static String offset(long nanos) {
    return String.format(Locale.ROOT, "+%.3f s", nanos / 1e9);
  }

  /** {@code 12.5%}. */
  static String percent(long part, long whole) {
    if (whole <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.1f%%", part * 100.0 / whole);
  }

  /** Cuts {@code text} to {@code width} characters, ending with {@code ...} when cut. */
  static String fit(String text, int width) {
    if (text == null) {
      return "";
    }
    String line = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    if (line.length() <= width) {
      return line;
    }
    if (width <= 3) {
      return line.substring(0, Math.max(0, width));
    }
    return line.substring(0, width - 3) + "...";
  }

  /** A short form of a failure text: the exception's simple class name and its message. */
  static String shortFailure(String failure) {
    if (failure == null || failure.isEmpty()) {
      return "";
    }
    int colon = failure.indexOf(": ");
    String cls = colon < 0 ? failure : failure.substring(0, colon);
    if (cls.indexOf(' ') >= 0) {
      return failure;
    }
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    if (simple.equals("TaskKilledError") && colon >= 0) {
      String message = failure.substring(colon + 2);
      int why = message.indexOf(" was killed: ");
      return why < 0 ? message : "killed: " + message.substring(why + " was killed: ".length());
    }
    return colon < 0 ? simple : simple + failure.substring(colon);
  }

  /** {@code name #id}, or {@code task-<id>} alone for a default name. */
  static String task(String name, long id) {
    if (name != null && name.startsWith("task-") && name.equals("task-" + id)) {
      return name; // a default name already says the id
    }
    return (name == null ? "?" : name) + " #" + id;
  }

  /** Pads on the right to {@code width}. */
  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** Pads on the left to {@code width}. */
  static String padLeft(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
