package dev.taskrt.agent.config;

import dev.taskrt.internal.RuntimeSettings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The agent's option keys (DESIGN §2), each with its one-line description, its valid forms and its
 * parser ({@link #parse}), which gives the typed value a {@link ParsedOption} keeps. The five
 * runtime settings parse with the runtime's own {@link Setting}, the one parser of each.
 */
public enum OptionKey {
  /** Methods treated as if annotated {@code @Task}. */
  TASKS("tasks", "methods treated as if annotated @Task", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Spawn}. */
  SPAWN("spawn", "methods treated as if annotated @Spawn", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Frame}. */
  FRAMES("frames", "methods treated as if annotated @Frame", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Foreign}. */
  FOREIGN("foreign", "methods treated as if annotated @Foreign", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Boundary}. */
  BOUNDARIES("boundaries", "methods treated as if annotated @Boundary", MethodPattern.FORMS),
  /** A JFR recording with taskrt.jfc, written to this file on exit. */
  JFR(
      "jfr",
      "start a recording with taskrt.jfc, written to this file when the JVM exits",
      "a file path in an existing directory, e.g. /tmp/app.jfr"),
  /** Default stack limit per task. */
  STACK_LIMIT(Setting.STACK_LIMIT, "default stack limit per task (default: 0 = none)"),
  /** Stack segment size. */
  STACK_SEGMENT(
      Setting.STACK_SEGMENT, "stack segment size; crossing one is an event (default: 64k)"),
  /** How long shutdown waits for tasks to unwind. */
  SHUTDOWN_TIMEOUT(
      Setting.SHUTDOWN_TIMEOUT,
      "how long shutdown waits for killed tasks and each at_exit handler (default: 10s)"),
  /** The scheduler {@code spawn} uses. */
  DEFAULT_SCHEDULER(Setting.DEFAULT_SCHEDULER, "the scheduler spawn uses (default: default)"),
  /** What a failure inside an unwinding hook does. */
  DOUBLE_FAILURE(
      Setting.DOUBLE_FAILURE,
      "a hook's failure during unwinding: record it as suppressed (default) or abort the JVM"),
  /** Whether the main method runs as the root task. */
  MAIN("main", "on (default): the main method runs as the root task main", "on or off"),
  /** Whether executors, CompletableFuture and new threads carry the task, and in which mode. */
  PROPAGATE(
      "propagate",
      "work handed from a task to executors, CompletableFuture and new threads runs as a child"
          + " task of that mode (default: on)",
      PropagateMode.FORMS),
  /** Static ThreadLocal fields whose values follow work handed from a task. */
  THREAD_LOCALS(
      "threadLocals",
      "static ThreadLocal fields whose values follow work handed from a task (SLF4J's MDC always"
          + " does)",
      ThreadLocalFields.FORMS),
  /** Other annotations treated as taskrt's ({@code org.acme.Async=Spawn}). */
  ANNOTATIONS("annotations", "other annotations treated as taskrt's", AnnotationMapping.FORMS),
  /** Whether each task is also an OpenTelemetry span (DESIGN §9). */
  OTEL(
      Setting.OTEL,
      "on: each task is also an OpenTelemetry span, through the application's OpenTelemetry API"
          + " (default: off)"),
  /**
   * Whether each rewritten method and each skipped candidate gets a line on stderr (and the
   * compiler directive of {@code AgentCodeOffC2}).
   */
  VERBOSE(
      "verbose",
      "true: one stderr line per method rewritten (into what, asked by which pattern or"
          + " annotation) and per candidate skipped (why), and one saying whether the agent's"
          + " own classes were left to C1 (default: false)",
      "true or false"),
  /** Whether problems with options or rewriting stop the JVM. */
  STRICT(
      "strict",
      "true: a problem with options or rewriting stops the JVM (default: false)",
      "true or false"),
  /** A properties file with more options. */
  CONFIG(
      "config",
      "a properties file with more of these keys",
      "the path of a readable properties file of key=value lines");

  private final String key;
  private final String description;
  private final String validForms;
  private final Setting<?> setting;

  OptionKey(String key, String description, String validForms) {
    this.key = key;
    this.description = description;
    this.validForms = validForms;
    this.setting = null;
  }

  OptionKey(Setting<?> setting, String description) {
    this.key = setting.key();
    this.description = description;
    this.validForms = setting.validForms();
    this.setting = setting;
  }

  /** The key as users write it. */
  public String key() {
    return key;
  }

  /** What the option does, in one line (for the help). */
  public String description() {
    return description;
  }

  /** What a valid value looks like, for messages and the help. */
  public String validForms() {
    return validForms;
  }

  /** The runtime setting this key sets, or null when the agent itself uses the option. */
  public Setting<?> setting() {
    return setting;
  }

  /** Whether the value is a method pattern list. */
  public boolean isPattern() {
    return this == TASKS
        || this == SPAWN
        || this == FRAMES
        || this == FOREIGN
        || this == BOUNDARIES;
  }

  /** The taskrt annotation a pattern key stands for ({@code Task}, ...), or null. */
  public String annotationKind() {
    switch (this) {
      case TASKS:
        return "Task";
      case SPAWN:
        return "Spawn";
      case FRAMES:
        return "Frame";
      case FOREIGN:
        return "Foreign";
      case BOUNDARIES:
        return "Boundary";
      default:
        return null;
    }
  }

  /** The key spelled {@code text}, or null. */
  public static OptionKey byKey(String text) {
    for (OptionKey k : values()) {
      if (k.key.equals(text)) {
        return k;
      }
    }
    return null;
  }

  /** All keys, comma-separated, for messages. */
  public static String allKeys() {
    StringBuilder b = new StringBuilder();
    for (OptionKey k : values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(k.key);
    }
    return b.toString();
  }

  /**
   * The typed value of a valid text: a {@code List<MethodPattern>} for a pattern key, the runtime
   * setting's type for a runtime setting, {@link PropagateMode}, {@link AnnotationMapping}, {@code
   * Map<String, List<String>>} for {@code threadLocals}, {@code Boolean} for {@code main} and
   * {@code strict}, and the path as a {@code String} for {@code jfr} and {@code config}.
   *
   * @throws IllegalArgumentException whose message says what is wrong
   */
  Object parse(String value) {
    String v = value.trim();
    if (setting != null) {
      return setting.parse(v);
    }
    switch (this) {
      case JFR:
        return jfrPath(v);
      case MAIN:
      case OTEL:
        return oneOf(v, "on", "off");
      case PROPAGATE:
        return PropagateMode.parse(v);
      case ANNOTATIONS:
        return AnnotationMapping.parse(v);
      case THREAD_LOCALS:
        return ThreadLocalFields.parse(v);
      case STRICT:
      case VERBOSE:
        return oneOf(v, "true", "false");
      case CONFIG:
        return configFile(v);
      default:
        return MethodPattern.parseList(v, annotationKind());
    }
  }

  private static String jfrPath(String v) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("the value is empty");
    }
    Path path;
    try {
      path = Path.of(v).toAbsolutePath();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a file path");
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException("it is a directory");
    }
    Path dir = path.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("directory " + dir + " does not exist");
    }
    return v;
  }

  private static String configFile(String v) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("the value is empty");
    }
    Path path;
    try {
      path = Path.of(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a file path");
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such file");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("the file is not readable");
    }
    return v;
  }

  /** True for the first word, false for the second, in any case. */
  private static Boolean oneOf(String v, String yes, String no) {
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals(yes)) {
      return Boolean.TRUE;
    }
    if (lower.equals(no)) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not one of " + yes + ", " + no);
  }
}
