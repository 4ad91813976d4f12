package dev.taskrt.agent.config;

import dev.taskrt.internal.RuntimeSettings;
import dev.taskrt.internal.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The agent's option keys (DESIGN §2), each with its valid forms and its check. */
public enum OptionKey {
  /** Methods treated as if annotated {@code @Task}. */
  TASKS("tasks", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Spawn}. */
  SPAWN("spawn", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Frame}. */
  FRAMES("frames", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Foreign}. */
  FOREIGN("foreign", MethodPattern.FORMS),
  /** Methods treated as if annotated {@code @Boundary}. */
  BOUNDARIES("boundaries", MethodPattern.FORMS),
  /** A JFR recording with taskrt.jfc, written to this file on exit. */
  JFR("jfr", "a file path in an existing directory, e.g. /tmp/app.jfr"),
  /** Default stack limit per task. */
  STACK_LIMIT("stackLimit", "bytes with an optional k, m or g suffix, e.g. 512k (0 = no limit)"),
  /** Stack segment size. */
  STACK_SEGMENT("stackSegment", "bytes greater than 0 with an optional k, m or g suffix, e.g. 64k"),
  /** How long shutdown waits for tasks to unwind. */
  SHUTDOWN_TIMEOUT("shutdownTimeout", "a duration such as 500ms, 10s, 2m or PT10S"),
  /** The scheduler {@code spawn} uses. */
  DEFAULT_SCHEDULER(
      "defaultScheduler",
      "default, platform, virtual (JDK 21+), single:<name> or a registered scheduler's name"),
  /** What a failure inside an unwinding hook does. */
  DOUBLE_FAILURE("doubleFailure", "record or abort"),
  /** Whether the main method runs as the root task. */
  MAIN("main", "on or off"),
  /** Whether executors, CompletableFuture and new threads carry the task, and in which mode. */
  PROPAGATE("propagate", "on, off, supervised, linked or unlinked (on = supervised)"),
  /** Static ThreadLocal fields whose values follow work handed from a task. */
  THREAD_LOCALS("threadLocals", dev.taskrt.agent.legacy.ThreadLocalFields.FORMS),
  /** Other annotations treated as taskrt's ({@code org.acme.Async=Spawn}). */
  ANNOTATIONS("annotations", dev.taskrt.agent.legacy.AnnotationMapping.FORMS),
  /** Whether each task is also an OpenTelemetry span (DESIGN §9). */
  OTEL("otel", "on or off"),
  /** Whether problems with options or rewriting stop the JVM. */
  STRICT("strict", "true or false"),
  /** A properties file with more options. */
  CONFIG("config", "the path of a readable properties file of key=value lines");

  private final String key;
  private final String validForms;

  OptionKey(String key, String validForms) {
    this.key = key;
    this.validForms = validForms;
  }

  /** The key as users write it. */
  public String key() {
    return key;
  }

  /** What a valid value looks like, for messages. */
  public String validForms() {
    return validForms;
  }

  /** Whether the runtime (not the agent) reads this key through the kernel's settings. */
  public boolean isRuntimeSetting() {
    return this == STACK_LIMIT
        || this == STACK_SEGMENT
        || this == SHUTDOWN_TIMEOUT
        || this == DEFAULT_SCHEDULER
        || this == DOUBLE_FAILURE
        || this == OTEL;
  }

  /** Whether the value is a method pattern list. */
  public boolean isPattern() {
    return this == TASKS
        || this == SPAWN
        || this == FRAMES
        || this == FOREIGN
        || this == BOUNDARIES;
  }

  /** The default value the runtime uses, as text (for runtime settings only). */
  String runtimeDefault() {
    RuntimeSettings d = RuntimeSettings.DEFAULTS;
    switch (this) {
      case STACK_LIMIT:
        return Long.toString(d.stackLimit());
      case STACK_SEGMENT:
        return Long.toString(d.stackSegment());
      case SHUTDOWN_TIMEOUT:
        return d.shutdownTimeout().toMillis() + "ms";
      case DEFAULT_SCHEDULER:
        return d.defaultScheduler();
      case DOUBLE_FAILURE:
        return d.doubleFailure();
      case OTEL:
        return d.otel() ? "on" : "off";
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

  /** What is wrong with the value, or null if it is valid. */
  String check(String value) {
    String v = value.trim();
    switch (this) {
      case TASKS:
      case SPAWN:
      case FRAMES:
      case FOREIGN:
      case BOUNDARIES:
        try {
          MethodPattern.parseList(v);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      case JFR:
        return checkJfrPath(v);
      case STACK_LIMIT:
      case STACK_SEGMENT:
        return checkSize(v);
      case SHUTDOWN_TIMEOUT:
        try {
          RuntimeSettings.parseDuration(v);
          return v.startsWith("-") ? "a negative duration" : null;
        } catch (IllegalArgumentException e) {
          return "not a duration";
        }
      case DEFAULT_SCHEDULER:
        return checkScheduler(v);
      case DOUBLE_FAILURE:
        return oneOf(v, "record", "abort");
      case MAIN:
      case OTEL:
        return oneOf(v, "on", "off");
      case PROPAGATE:
        return oneOfMany(v, "on", "off", "supervised", "linked", "unlinked");
      case ANNOTATIONS:
        try {
          dev.taskrt.agent.legacy.AnnotationMapping.parse(v);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      case THREAD_LOCALS:
        try {
          dev.taskrt.agent.legacy.ThreadLocalFields.parse(v);
          return null;
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      case STRICT:
        return oneOf(v, "true", "false");
      case CONFIG:
        return checkConfigFile(v);
      default:
        return null;
    }
  }

  private String checkSize(String v) {
    if (v.isEmpty()) {
      return "the value is empty";
    }
    long bytes;
    try {
      bytes = Sizes.parse(v, 0);
    } catch (IllegalArgumentException e) {
      return "not a size";
    }
    if (this == STACK_SEGMENT && bytes == 0) {
      return "a segment of 0 bytes";
    }
    return null;
  }

  private static String checkJfrPath(String v) {
    if (v.isEmpty()) {
      return "the value is empty";
    }
    try {
      Path path = Path.of(v).toAbsolutePath();
      if (Files.isDirectory(path)) {
        return "it is a directory";
      }
      Path dir = path.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        return "directory " + dir + " does not exist";
      }
      return null;
    } catch (RuntimeException e) {
      return "not a file path";
    }
  }

  private static String checkScheduler(String v) {
    if (v.isEmpty()) {
      return "the value is empty";
    }
    if (v.equals("single:")) {
      return "single: needs a name after the colon";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.')) {
        return "'" + c + "' is not allowed in a scheduler name";
      }
    }
    if (v.equals("virtual") && Runtime.version().feature() < 21) {
      return "virtual threads need JDK 21 or later, this is JDK " + Runtime.version().feature();
    }
    return null;
  }

  private static String checkConfigFile(String v) {
    if (v.isEmpty()) {
      return "the value is empty";
    }
    try {
      Path path = Path.of(v);
      if (!Files.isRegularFile(path)) {
        return "no such file";
      }
      if (!Files.isReadable(path)) {
        return "the file is not readable";
      }
      return null;
    } catch (RuntimeException e) {
      return "not a file path";
    }
  }

  private static String oneOfMany(String v, String... allowed) {
    String lower = v.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (lower.equals(a)) {
        return null;
      }
    }
    return "not one of " + String.join(", ", allowed);
  }

  private static String oneOf(String v, String a, String b) {
    String lower = v.toLowerCase(Locale.ROOT);
    return lower.equals(a) || lower.equals(b) ? null : "not one of " + a + ", " + b;
  }
}
