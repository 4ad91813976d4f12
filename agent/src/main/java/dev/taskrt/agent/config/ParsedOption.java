package dev.taskrt.agent.config;

/**
 * One option as the user gave it: its key (null for an unknown key), the text given, where it came
 * from, and either its typed value (see {@link OptionKey#parse}) or what is wrong with it.
 * Immutable.
 *
 * @param key the key, or null when the key is unknown
 * @param keyText the key as written
 * @param text the value as written
 * @param source where the option came from
 * @param value the parsed value, or null when not valid
 * @param problem why it is not valid, or null
 */
public record ParsedOption(
    OptionKey key, String keyText, String text, Source source, Object value, String problem) {

  /** Parses {@code text} as {@code key}'s value; the result holds the value or the problem. */
  static ParsedOption parse(OptionKey key, String keyText, String text, Source source) {
    try {
      return new ParsedOption(key, keyText, text, source, key.parse(text), null);
    } catch (IllegalArgumentException e) {
      return invalid(key, keyText, text, source, e.getMessage());
    }
  }

  /** An option that cannot be used, and why. */
  static ParsedOption invalid(
      OptionKey key, String keyText, String text, Source source, String problem) {
    return new ParsedOption(key, keyText, text, source, null, problem);
  }

  /** Where an option came from. */
  public enum Source {
    /** {@code -javaagent:taskrt-agent.jar=...} or the options of {@code attach}. */
    AGENT_ARGUMENTS("agent options"),
    /** A {@code config=FILE} properties file. */
    CONFIG_FILE("config file"),
    /** A {@code -Dtaskrt.KEY=...} system property. */
    SYSTEM_PROPERTY("system property"),
    /** A {@code TASKRT_KEY} environment variable (runtime settings only). */
    ENVIRONMENT("environment variable");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** How messages name the source. */
    public String label() {
      return label;
    }
  }

  /** Whether the option can be used. */
  public boolean isValid() {
    return problem == null;
  }

  /**
   * The one message for an invalid option: the key, the text given, what is wrong, the valid forms,
   * and what the agent does about it.
   */
  public String message(boolean strict) {
    String consequence = strict ? "stopping the JVM (strict=true)" : "running without it";
    String where = "";
    if (source == Source.SYSTEM_PROPERTY) {
      where = " (-Dtaskrt." + keyText + ")";
    } else if (source == Source.ENVIRONMENT) {
      where = " (" + key.setting().environmentName() + ")";
    }
    if (key == null) {
      return "taskrt: unknown option '"
          + keyText
          + "' in "
          + source.label()
          + where
          + " (given '"
          + text
          + "'); valid keys: "
          + OptionKey.allKeys()
          + "; "
          + consequence;
    }
    return "taskrt: option "
        + keyText
        + "='"
        + text
        + "' in "
        + source.label()
        + where
        + " is not valid: "
        + problem
        + "; expected "
        + key.validForms()
        + "; "
        + consequence;
  }
}
