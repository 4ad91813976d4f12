package dev.taskrt.inspect.live;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code top <pid> [--once] [--json] [--interval 1s]}, parsed.
 *
 * @param pid the process to watch
 * @param once print one snapshot and exit
 * @param json with {@code once}: the snapshot as JSON
 * @param interval how often the view is refreshed, and the snapshot period asked of the JVM
 */
record TopOptions(long pid, boolean once, boolean json, Duration interval) {
  /** The usage line. */
  static final String USAGE = "usage: top <pid> [--once] [--json] [--interval 1s]";

  /** The shortest refresh interval. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  /** Parses the arguments after {@code top}. */
  static TopOptions parse(String[] args) throws TopException {
    Long pid = null;
    boolean once = false;
    boolean json = false;
    Duration interval = Duration.ofSeconds(1);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--once")) {
        once = true;
      } else if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--interval") || a.startsWith("--interval=")) {
        String value;
        if (a.equals("--interval")) {
          if (i + 1 >= args.length) {
            throw usage("--interval needs a value such as 1s or 500ms");
          }
          value = args[++i];
        } else {
          value = a.substring("--interval=".length());
        }
        interval = duration(value);
      } else if (a.startsWith("-")) {
        throw usage("unknown option '" + a + "'");
      } else if (pid == null) {
        if (a.isEmpty() || !a.chars().allMatch(Character::isDigit) || a.length() > 18) {
          throw usage("'" + a + "' is not a process id");
        }
        pid = Long.parseLong(a);
      } else {
        throw usage("unexpected argument '" + a + "'");
      }
    }
    if (pid == null) {
      throw usage("which process? give its pid (jps lists the JVMs you can attach to)");
    }
    if (json && !once) {
      throw usage("--json prints one snapshot: use it with --once");
    }
    return new TopOptions(pid, once, json, interval);
  }

  /** {@code 1s}, {@code 500ms}, {@code 2m}; at least {@link #MIN_INTERVAL}. */
  static Duration duration(String text) throws TopException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d =
            Duration.ofMillis(
                Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      } else {
        throw new NumberFormatException();
      }
      if (d.compareTo(MIN_INTERVAL) < 0) {
        throw usage("--interval " + text + " is shorter than " + MIN_INTERVAL.toMillis() + "ms");
      }
      return d;
    } catch (NumberFormatException e) {
      throw usage("--interval '" + text + "' is not a duration; write it as 1s, 500ms or 2m");
    }
  }

  private static TopException usage(String problem) {
    return new TopException(TopException.USAGE, "taskrt: top: " + problem + "; " + USAGE);
  }
}
