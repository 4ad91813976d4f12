package dev.taskrt.agent.config;

/**
 * One option as the user gave it: its key (null for an unknown key), the text given, where it came
 * from, and what is wrong with it (null when valid). Immutable.
 *
 * @param key the key, or null when the key is unknown
 * @param keyText the key as written
 * @param text the value as written
 * @param source where the option came from
 * @param problem why it is not valid, or null
 */
public record ParsedOption(
    OptionKey key, String keyText, String text, Source source, String problem) {

  /** Where an option came from. */
  public enum Source {
    /** {@code -javaagent:taskrt-agent.jar=...} or the options of {@code attach}. */
    AGENT_ARGUMENTS("agent options"),
    /** A {@code config=FILE} properties file. */
    CONFIG_FILE("config file"),
    /** A {@code -Dtaskrt.KEY=...} system property. */
    SYSTEM_PROPERTY("system property");

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
    String where = source == Source.SYSTEM_PROPERTY ? " (-Dtaskrt." + keyText + ")" : "";
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
