package dev.taskrt.agent.config;

import dev.taskrt.internal.RuntimeSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The agent's options, parsed once at start from the agent arguments ({@code key=value,...}, commas
 * inside {@code [...]} belonging to the value), a {@code config=FILE} properties file, {@code
 * -Dtaskrt.KEY} system properties and, for the runtime settings, {@code TASKRT_KEY} environment
 * variables, in that order of precedence. Each valid option holds its typed value, so nothing is
 * parsed twice; the runtime settings reach the kernel typed ({@link #runtimeSettings}). Immutable.
 *
 * <p>Every option that cannot be used is kept as a {@link ParsedOption} with its problem; the agent
 * reports each once and runs without it (or stops under {@code strict=true}).
 */
public final class AgentOptions {
  private final Map<OptionKey, ParsedOption> valid;
  private final List<ParsedOption> problems;

  private AgentOptions(Map<OptionKey, ParsedOption> valid, List<ParsedOption> problems) {
    this.valid = Collections.unmodifiableMap(new EnumMap<>(valid));
    this.problems = List.copyOf(problems);
  }

  /** No options at all. */
  public static AgentOptions none() {
    return new AgentOptions(new EnumMap<>(OptionKey.class), List.of());
  }

  /**
   * Parses the options, with no environment variables.
   *
   * @param agentArguments the agent's argument string, or null
   * @param systemProperties where {@code taskrt.KEY} properties are read
   */
  public static AgentOptions parse(String agentArguments, Properties systemProperties) {
    return parse(agentArguments, systemProperties, Map.of());
  }

  /**
   * Parses the options.
   *
   * @param agentArguments the agent's argument string, or null
   * @param systemProperties where {@code taskrt.KEY} properties are read
   * @param environment where {@code TASKRT_KEY} variables of the runtime settings are read
   */
  public static AgentOptions parse(
      String agentArguments, Properties systemProperties, Map<String, String> environment) {
    Map<OptionKey, ParsedOption> valid = new EnumMap<>(OptionKey.class);
    List<ParsedOption> problems = new ArrayList<>();
    for (String entry : splitEntries(agentArguments)) {
      int eq = entry.indexOf('=');
      String keyText = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      String text = eq < 0 ? "" : entry.substring(eq + 1).trim();
      OptionKey key = OptionKey.byKey(keyText);
      ParsedOption.Source source = ParsedOption.Source.AGENT_ARGUMENTS;
      ParsedOption option;
      if (key == null) {
        option = ParsedOption.invalid(null, keyText, text, source, "unknown key");
      } else if (eq < 0) {
        option =
            ParsedOption.invalid(
                key, keyText, text, source, "no value: write " + keyText + "=VALUE");
      } else if (valid.containsKey(key)) {
        option =
            ParsedOption.invalid(
                key,
                keyText,
                text,
                source,
                "given twice; the first value '" + valid.get(key).text() + "' is used");
      } else {
        option = ParsedOption.parse(key, keyText, text, source);
      }
      addTo(valid, problems, option);
    }
    ParsedOption config = valid.get(OptionKey.CONFIG);
    if (config != null) {
      readConfigFile(config, valid, problems);
    }
    for (OptionKey key : OptionKey.values()) {
      if (key == OptionKey.CONFIG || valid.containsKey(key)) {
        continue;
      }
      String text = systemProperties.getProperty("taskrt." + key.key());
      if (text != null) {
        addTo(
            valid,
            problems,
            ParsedOption.parse(key, key.key(), text, ParsedOption.Source.SYSTEM_PROPERTY));
      }
    }
    for (OptionKey key : OptionKey.values()) {
      if (key.setting() == null || valid.containsKey(key)) {
        continue;
      }
      String text = environment.get(key.setting().environmentName());
      if (text != null) {
        addTo(
            valid,
            problems,
            ParsedOption.parse(key, key.key(), text, ParsedOption.Source.ENVIRONMENT));
      }
    }
    return new AgentOptions(valid, problems);
  }

  private static void addTo(
      Map<OptionKey, ParsedOption> valid, List<ParsedOption> problems, ParsedOption option) {
    if (option.isValid()) {
      valid.put(option.key(), option);
    } else {
      problems.add(option);
    }
  }

  private static void readConfigFile(
      ParsedOption config, Map<OptionKey, ParsedOption> valid, List<ParsedOption> problems) {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(config.text()), StandardCharsets.UTF_8)) {
      file.load(reader);
    } catch (IOException | RuntimeException e) {
      problems.add(
          ParsedOption.invalid(
              OptionKey.CONFIG,
              "config",
              config.text(),
              config.source(),
              "could not be read: " + e.getMessage()));
      return;
    }
    Map<String, String> sorted = new LinkedHashMap<>();
    for (String k : new TreeSet<>(file.stringPropertyNames())) {
      sorted.put(k, file.getProperty(k));
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String keyText = e.getKey().trim();
      String text = e.getValue().trim();
      OptionKey key = OptionKey.byKey(keyText);
      ParsedOption.Source source = ParsedOption.Source.CONFIG_FILE;
      ParsedOption option;
      if (key == null) {
        option = ParsedOption.invalid(null, keyText, text, source, "unknown key");
      } else if (key == OptionKey.CONFIG) {
        option =
            ParsedOption.invalid(
                key, keyText, text, source, "a config file cannot name another config file");
      } else if (valid.containsKey(key)) {
        continue; // the agent arguments win
      } else {
        option = ParsedOption.parse(key, keyText, text, source);
      }
      addTo(valid, problems, option);
    }
  }

  /** Splits {@code a=1,b=X[m,n],c=2} at the commas outside brackets; blank entries are dropped. */
  static List<String> splitEntries(String arguments) {
    List<String> entries = new ArrayList<>();
    if (arguments == null) {
      return entries;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        addEntry(entries, arguments.substring(start, i));
        start = i + 1;
      }
    }
    addEntry(entries, arguments.substring(start));
    return entries;
  }

  private static void addEntry(List<String> entries, String entry) {
    if (!entry.isBlank()) {
      entries.add(entry.trim());
    }
  }

  /** The options that could not be used, in the order they were found. */
  public List<ParsedOption> problems() {
    return problems;
  }

  /** The valid option for that key, if given. */
  public Optional<ParsedOption> get(OptionKey key) {
    return Optional.ofNullable(valid.get(key));
  }

  /** {@code strict=true}. */
  public boolean strict() {
    return Boolean.TRUE.equals(value(OptionKey.STRICT));
  }

  /** {@code main=on} (the default). */
  public boolean mainAsRootTask() {
    return !Boolean.FALSE.equals(value(OptionKey.MAIN));
  }

  /** The {@code jfr} file, if given. */
  public Optional<String> jfrFile() {
    return Optional.ofNullable((String) value(OptionKey.JFR));
  }

  /** The patterns of a pattern key; empty when not given. */
  @SuppressWarnings("unchecked")
  public List<MethodPattern> patterns(OptionKey key) {
    Object patterns = value(key);
    return patterns == null ? List.of() : (List<MethodPattern>) patterns;
  }

  /** {@code propagate}; {@code on} (supervised) when not given. */
  public PropagateMode propagate() {
    Object mode = value(OptionKey.PROPAGATE);
    return mode == null ? PropagateMode.SUPERVISED : (PropagateMode) mode;
  }

  /** {@code threadLocals}: field names by binary class name; empty when not given. */
  @SuppressWarnings("unchecked")
  public Map<String, List<String>> threadLocals() {
    Object fields = value(OptionKey.THREAD_LOCALS);
    return fields == null ? Map.of() : (Map<String, List<String>>) fields;
  }

  /** {@code annotations}; {@link AnnotationMapping#NONE} when not given. */
  public AnnotationMapping annotations() {
    Object mapping = value(OptionKey.ANNOTATIONS);
    return mapping == null ? AnnotationMapping.NONE : (AnnotationMapping) mapping;
  }

  /**
   * The runtime settings for the kernel: each valid one from whichever source gave it, the
   * runtime's default for the others (a bad value included, once reported).
   */
  public RuntimeSettings runtimeSettings() {
    RuntimeSettings settings = RuntimeSettings.DEFAULTS;
    for (ParsedOption o : valid.values()) {
      if (o.key().setting() != null) {
        settings = o.key().setting().withValue(settings, o.value());
      }
    }
    return settings;
  }

  /** Whether any option came from the agent arguments or a config file. */
  public boolean anyGivenToAgent() {
    for (ParsedOption o : valid.values()) {
      if (isGivenToAgent(o)) {
        return true;
      }
    }
    for (ParsedOption o : problems) {
      if (isGivenToAgent(o)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text of every valid option from the agent arguments or a config file, by key: what {@code
   * Kernel.config(key)} answers first.
   */
  public Map<String, String> textsGivenToAgent() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (ParsedOption o : valid.values()) {
      if (isGivenToAgent(o)) {
        texts.put(o.key().key(), o.text());
      }
    }
    return texts;
  }

  private static boolean isGivenToAgent(ParsedOption o) {
    return o.source() == ParsedOption.Source.AGENT_ARGUMENTS
        || o.source() == ParsedOption.Source.CONFIG_FILE;
  }

  private Object value(OptionKey key) {
    ParsedOption o = valid.get(key);
    return o == null ? null : o.value();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("AgentOptions{");
    for (ParsedOption o : valid.values()) {
      b.append(o.keyText()).append('=').append(o.text()).append(' ');
    }
    return b.append("problems=").append(problems.size()).append('}').toString();
  }
}
