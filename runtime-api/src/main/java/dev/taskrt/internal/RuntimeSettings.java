package dev.taskrt.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Not API. The runtime's settings, read once from the kernel's configuration sources: agent
 * options, then {@code -Dtaskrt.KEY}, then the {@code TASKRT_KEY} environment variable (the key in
 * upper snake case, {@code stackLimit} as {@code TASKRT_STACK_LIMIT}), then the defaults. A value
 * that does not parse is reported once on stderr, naming the key, the text and the valid forms, and
 * the default is used.
 *
 * @param stackLimit default stack limit per task, bytes; 0 means none
 * @param stackSegment stack segment size, bytes
 * @param shutdownTimeout how long shutdown waits for killed tasks to unwind
 * @param defaultScheduler the scheduler {@code spawn} uses
 * @param doubleFailure {@code record} or {@code abort}
 */
public record RuntimeSettings(
    long stackLimit,
    long stackSegment,
    Duration shutdownTimeout,
    String defaultScheduler,
    String doubleFailure) {

  /** Defaults used when a key is unset. */
  public static final RuntimeSettings DEFAULTS =
      new RuntimeSettings(0, 64 * 1024, Duration.ofSeconds(10), "default", "record");

  /** Reads the settings from the configuration, with a message per bad value. */
  static RuntimeSettings read(Map<String, String> agentOptions, List<String> problems) {
    long stackLimit = size(agentOptions, "stackLimit", DEFAULTS.stackLimit, problems);
    long stackSegment = size(agentOptions, "stackSegment", DEFAULTS.stackSegment, problems);
    if (stackSegment == 0) {
      problems.add(problem("stackSegment", "0", "a size greater than 0, e.g. 64k"));
      stackSegment = DEFAULTS.stackSegment;
    }
    Duration timeout = DEFAULTS.shutdownTimeout;
    String timeoutText = lookup(agentOptions, "shutdownTimeout").orElse(null);
    if (timeoutText != null) {
      try {
        timeout = parseDuration(timeoutText);
      } catch (IllegalArgumentException e) {
        problems.add(
            problem("shutdownTimeout", timeoutText, "a duration such as 500ms, 10s or 2m"));
      }
    }
    String scheduler = lookup(agentOptions, "defaultScheduler").orElse(DEFAULTS.defaultScheduler);
    String doubleFailure = lookup(agentOptions, "doubleFailure").orElse(DEFAULTS.doubleFailure);
    if (!doubleFailure.equals("record") && !doubleFailure.equals("abort")) {
      problems.add(problem("doubleFailure", doubleFailure, "record or abort"));
      doubleFailure = DEFAULTS.doubleFailure;
    }
    return new RuntimeSettings(stackLimit, stackSegment, timeout, scheduler, doubleFailure);
  }

  /**
   * The value of a key in force: for a runtime setting, its configured text when that is valid,
   * else its default's text ({@code config("shutdownTimeout")} is {@code 10s} when nothing set it);
   * for any other key, the configured text or empty.
   */
  static Optional<String> effective(
      Map<String, String> agentOptions, RuntimeSettings inForce, String key) {
    Optional<String> configured = lookup(agentOptions, key);
    String byDefault = defaultText(key);
    if (byDefault == null) {
      return configured;
    }
    if (configured.isPresent() && inForceIs(inForce, key, configured.get())) {
      return configured;
    }
    return Optional.of(byDefault);
  }

  /** The default of a runtime setting as text, or null for a key that is not one. */
  private static String defaultText(String key) {
    switch (key) {
      case "stackLimit":
        return "0";
      case "stackSegment":
        return "64k";
      case "shutdownTimeout":
        return "10s";
      case "defaultScheduler":
        return DEFAULTS.defaultScheduler;
      case "doubleFailure":
        return DEFAULTS.doubleFailure;
      default:
        return null;
    }
  }

  /** Whether {@code text} is what gave the setting its value in force (it parsed to it). */
  private static boolean inForceIs(RuntimeSettings inForce, String key, String text) {
    try {
      switch (key) {
        case "stackLimit":
          return Sizes.parse(text, -1) == inForce.stackLimit;
        case "stackSegment":
          return Sizes.parse(text, -1) == inForce.stackSegment;
        case "shutdownTimeout":
          return parseDuration(text).equals(inForce.shutdownTimeout);
        case "defaultScheduler":
          return text.equals(inForce.defaultScheduler);
        default:
          return text.equals(inForce.doubleFailure);
      }
    } catch (IllegalArgumentException notValid) {
      return false;
    }
  }

  /** The configured value of a key: agent options, then -Dtaskrt.KEY, then TASKRT_KEY. */
  static Optional<String> lookup(Map<String, String> agentOptions, String key) {
    String value = agentOptions.get(key);
    if (value == null) {
      value = System.getProperty("taskrt." + key);
    }
    if (value == null) {
      value = System.getenv(environmentName(key));
    }
    return Optional.ofNullable(value);
  }

  /** {@code stackLimit} becomes {@code TASKRT_STACK_LIMIT}. */
  static String environmentName(String key) {
    StringBuilder name = new StringBuilder("TASKRT_");
    for (char c : key.toCharArray()) {
      if (Character.isUpperCase(c)) {
        name.append('_');
      }
      name.append(Character.toUpperCase(c));
    }
    return name.toString();
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or an ISO-8601 {@code PT10S}. */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(text.trim());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        default:
          throw new IllegalArgumentException(text);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: use e.g. 500ms, 10s, 2m or PT10S");
    }
  }

  private static long size(
      Map<String, String> agentOptions, String key, long whenUnset, List<String> problems) {
    String text = lookup(agentOptions, key).orElse(null);
    try {
      return Sizes.parse(text, whenUnset);
    } catch (IllegalArgumentException e) {
      problems.add(problem(key, text, "bytes with an optional k, m or g suffix, e.g. 512k"));
      return whenUnset;
    }
  }

  private static String problem(String key, String text, String valid) {
    return "taskrt: option "
        + key
        + "='"
        + text
        + "' is not valid (expected "
        + valid
        + "); using the default";
  }

  static List<String> newProblemList() {
    return new ArrayList<>();
  }
}
