package dev.taskrt.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Not API. The runtime's settings, each parsed once by its {@link Setting}'s parser. Under the
 * agent, the agent reads every source (its options, then {@code -Dtaskrt.KEY}, then the {@code
 * TASKRT_KEY} environment variable), reports each bad value once, and hands the kernel the typed
 * result ({@link #useAgentSettings}). Without the agent the kernel reads {@code -Dtaskrt.KEY} and
 * {@code TASKRT_KEY} itself ({@link #inForce}); a value that does not parse is reported once on
 * stderr, naming the key, the text, what is wrong and the valid forms, and the default is used.
 *
 * <p>The environment variable's name is the key in upper snake case: {@code stackLimit} as {@code
 * TASKRT_STACK_LIMIT}.
 *
 * @param stackLimit default stack limit per task, bytes; 0 means none
 * @param stackSegment stack segment size, bytes
 * @param shutdownTimeout how long shutdown waits for killed tasks to unwind
 * @param defaultScheduler the scheduler {@code spawn} uses
 * @param doubleFailure {@code record} or {@code abort}
 * @param otel whether each task is also an OpenTelemetry span ({@code otel=on})
 */
public record RuntimeSettings(
    long stackLimit,
    long stackSegment,
    Duration shutdownTimeout,
    String defaultScheduler,
    String doubleFailure,
    boolean otel) {

  /** Defaults used when a key is unset. */
  public static final RuntimeSettings DEFAULTS =
      new RuntimeSettings(0, 64 * 1024, Duration.ofSeconds(10), "default", "record", false);

  /** The settings the agent parsed, or null when the agent did not start. */
  private static volatile RuntimeSettings fromAgent;

  /**
   * One runtime setting: its key, its valid forms, and its parser, shared by the agent's options
   * and the runtime's own reading of {@code -Dtaskrt.KEY} and {@code TASKRT_KEY}. Immutable.
   *
   * @param <T> the type of the parsed value
   */
  public static final class Setting<T> {
    /** {@code stackLimit}: default stack limit per task, bytes (0 = none). */
    public static final Setting<Long> STACK_LIMIT =
        new Setting<>(
            0,
            "stackLimit",
            "bytes with an optional k, m or g suffix, e.g. 512k (0 = no limit)",
            Long.class);

    /** {@code stackSegment}: stack segment size, bytes. */
    public static final Setting<Long> STACK_SEGMENT =
        new Setting<>(
            1,
            "stackSegment",
            "bytes greater than 0 with an optional k, m or g suffix, e.g. 64k",
            Long.class);

    /** {@code shutdownTimeout}: how long shutdown waits for killed tasks to unwind. */
    public static final Setting<Duration> SHUTDOWN_TIMEOUT =
        new Setting<>(
            2, "shutdownTimeout", "a duration such as 500ms, 10s, 2m or PT10S", Duration.class);

    /** {@code defaultScheduler}: the scheduler {@code spawn} uses. */
    public static final Setting<String> DEFAULT_SCHEDULER =
        new Setting<>(
            3,
            "defaultScheduler",
            "default, platform, virtual (JDK 21+), single:<name> or a registered scheduler's name",
            String.class);

    /** {@code doubleFailure}: what a failure inside an unwinding hook does. */
    public static final Setting<String> DOUBLE_FAILURE =
        new Setting<>(4, "doubleFailure", "record or abort", String.class);

    /** {@code otel}: whether each task is also an OpenTelemetry span (DESIGN §9). */
    public static final Setting<Boolean> OTEL =
        new Setting<>(5, "otel", "on or off", Boolean.class);

    /** Every setting, in the order above. */
    public static final List<Setting<?>> ALL =
        List.of(
            STACK_LIMIT, STACK_SEGMENT, SHUTDOWN_TIMEOUT, DEFAULT_SCHEDULER, DOUBLE_FAILURE, OTEL);

    private final int index;
    private final String key;
    private final String validForms;
    private final Class<T> type;

    private Setting(int index, String key, String validForms, Class<T> type) {
      this.index = index;
      this.key = key;
      this.validForms = validForms;
      this.type = type;
    }

    /** The key as users write it ({@code stackLimit}). */
    public String key() {
      return key;
    }

    /** What a valid value looks like, for messages. */
    public String validForms() {
      return validForms;
    }

    /** The environment variable that sets it ({@code TASKRT_STACK_LIMIT}). */
    public String environmentName() {
      return RuntimeSettings.environmentName(key);
    }

    /**
     * Parses a value as given (surrounding blanks are ignored).
     *
     * @throws IllegalArgumentException whose message says what is wrong ("not a size")
     */
    public T parse(String text) {
      String v = text.trim();
      switch (index) {
        case 0:
        case 1:
          return type.cast(size(v));
        case 2:
          return type.cast(duration(v));
        case 3:
          return type.cast(scheduler(v));
        case 5:
          return type.cast(onOff(v));
        default:
          String lower = v.toLowerCase(Locale.ROOT);
          if (!lower.equals("record") && !lower.equals("abort")) {
            throw new IllegalArgumentException("not one of record, abort");
          }
          return type.cast(lower);
      }
    }

    /** This setting's value in {@code settings}. */
    public T valueIn(RuntimeSettings settings) {
      switch (index) {
        case 0:
          return type.cast(settings.stackLimit);
        case 1:
          return type.cast(settings.stackSegment);
        case 2:
          return type.cast(settings.shutdownTimeout);
        case 3:
          return type.cast(settings.defaultScheduler);
        case 5:
          return type.cast(settings.otel);
        default:
          return type.cast(settings.doubleFailure);
      }
    }

    /** {@code settings} with this setting's value replaced; {@code value} must be a {@code T}. */
    public RuntimeSettings withValue(RuntimeSettings settings, Object value) {
      T v = type.cast(value);
      RuntimeSettings s = settings;
      switch (index) {
        case 0:
          return new RuntimeSettings(
              (Long) v,
              s.stackSegment,
              s.shutdownTimeout,
              s.defaultScheduler,
              s.doubleFailure,
              s.otel);
        case 1:
          return new RuntimeSettings(
              s.stackLimit,
              (Long) v,
              s.shutdownTimeout,
              s.defaultScheduler,
              s.doubleFailure,
              s.otel);
        case 2:
          return new RuntimeSettings(
              s.stackLimit,
              s.stackSegment,
              (Duration) v,
              s.defaultScheduler,
              s.doubleFailure,
              s.otel);
        case 3:
          return new RuntimeSettings(
              s.stackLimit, s.stackSegment, s.shutdownTimeout, (String) v, s.doubleFailure, s.otel);
        case 4:
          return new RuntimeSettings(
              s.stackLimit,
              s.stackSegment,
              s.shutdownTimeout,
              s.defaultScheduler,
              (String) v,
              s.otel);
        default:
          return new RuntimeSettings(
              s.stackLimit,
              s.stackSegment,
              s.shutdownTimeout,
              s.defaultScheduler,
              s.doubleFailure,
              (Boolean) v);
      }
    }

    private long size(String v) {
      if (v.isEmpty()) {
        throw new IllegalArgumentException("the value is empty");
      }
      long bytes;
      try {
        bytes = Sizes.parse(v, 0);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a size");
      }
      if (index == 1 && bytes == 0) {
        throw new IllegalArgumentException("a segment of 0 bytes");
      }
      return bytes;
    }

    private static Boolean onOff(String v) {
      String lower = v.toLowerCase(Locale.ROOT);
      if (lower.equals("on")) {
        return Boolean.TRUE;
      }
      if (lower.equals("off")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("not one of on, off");
    }

    private static Duration duration(String v) {
      Duration d;
      try {
        d = parseDuration(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a duration");
      }
      if (d.isNegative()) {
        throw new IllegalArgumentException("a negative duration");
      }
      return d;
    }

    private static String scheduler(String v) {
      if (v.isEmpty()) {
        throw new IllegalArgumentException("the value is empty");
      }
      if (v.equals("single:")) {
        throw new IllegalArgumentException("single: needs a name after the colon");
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.')) {
          throw new IllegalArgumentException("'" + c + "' is not allowed in a scheduler name");
        }
      }
      if (v.equals("virtual") && Runtime.version().feature() < 21) {
        throw new IllegalArgumentException(
            "virtual threads need JDK 21 or later, this is JDK " + Runtime.version().feature());
      }
      return v;
    }

    @Override
    public String toString() {
      return key;
    }
  }

  /**
   * The agent hands over the settings it parsed from every source; the kernel then uses them as
   * they are and reads nothing itself. Called at most once, at the agent's start.
   */
  public static void useAgentSettings(RuntimeSettings parsed) {
    fromAgent = parsed;
  }

  /**
   * The settings in force: the agent's, when it started; else read from {@code -Dtaskrt.KEY} and
   * {@code TASKRT_KEY}, with a message in {@code problems} per bad value (the default is used).
   */
  static RuntimeSettings inForce(List<String> problems) {
    RuntimeSettings agents = fromAgent;
    return agents != null ? agents : read(problems);
  }

  private static RuntimeSettings read(List<String> problems) {
    RuntimeSettings settings = DEFAULTS;
    for (Setting<?> setting : Setting.ALL) {
      String where = "-Dtaskrt." + setting.key();
      String text = System.getProperty("taskrt." + setting.key());
      if (text == null) {
        where = setting.environmentName();
        text = System.getenv(where);
      }
      if (text == null) {
        continue;
      }
      try {
        settings = setting.withValue(settings, setting.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(
            "taskrt: option "
                + setting.key()
                + "='"
                + text
                + "' ("
                + where
                + ") is not valid: "
                + e.getMessage()
                + "; expected "
                + setting.validForms()
                + "; using the default");
      }
    }
    return settings;
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
  private static Duration parseDuration(String text) {
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
}
