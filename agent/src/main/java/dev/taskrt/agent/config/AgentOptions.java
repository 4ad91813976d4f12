package dev.taskrt.agent.config;

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

/**
 * The agent's options, parsed once at start from the agent arguments ({@code key=value,...}, commas
 * inside {@code [...]} belonging to the value), a {@code config=FILE} properties file, and {@code
 * -Dtaskrt.KEY} system properties, in that order of precedence. Immutable.
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
   * Parses the options.
   *
   * @param agentArguments the agent's argument string, or null
   * @param systemProperties where {@code taskrt.KEY} properties are read
   */
  public static AgentOptions parse(String agentArguments, Properties systemProperties) {
    Map<OptionKey, ParsedOption> valid = new EnumMap<>(OptionKey.class);
    List<ParsedOption> problems = new ArrayList<>();
    for (String entry : splitEntries(agentArguments)) {
      int eq = entry.indexOf('=');
      String keyText = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      String text = eq < 0 ? "" : entry.substring(eq + 1).trim();
      OptionKey key = OptionKey.byKey(keyText);
      String problem = null;
      if (key == null) {
        problem = "unknown key";
      } else if (eq < 0) {
        problem = "no value: write " + keyText + "=VALUE";
      } else if (valid.containsKey(key)) {
        problem = "given twice; the first value '" + valid.get(key).text() + "' is used";
      } else {
        problem = key.check(text);
      }
      addTo(
          valid,
          problems,
          new ParsedOption(key, keyText, text, ParsedOption.Source.AGENT_ARGUMENTS, problem));
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
            new ParsedOption(
                key, key.key(), text, ParsedOption.Source.SYSTEM_PROPERTY, key.check(text)));
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
          new ParsedOption(
              OptionKey.CONFIG,
              "config",
              config.text(),
              config.source(),
              "could not be read: " + e.getMessage()));
      return;
    }
    Map<String, String> sorted = new LinkedHashMap<>();
    for (String k : new java.util.TreeSet<>(file.stringPropertyNames())) {
      sorted.put(k, file.getProperty(k));
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String keyText = e.getKey().trim();
      String text = e.getValue().trim();
      OptionKey key = OptionKey.byKey(keyText);
      String problem;
      if (key == null) {
        problem = "unknown key";
      } else if (key == OptionKey.CONFIG) {
        problem = "a config file cannot name another config file";
      } else if (valid.containsKey(key)) {
        continue; // the agent arguments win
      } else {
        problem = key.check(text);
      }
      addTo(
          valid,
          problems,
          new ParsedOption(key, keyText, text, ParsedOption.Source.CONFIG_FILE, problem));
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
    ParsedOption o = valid.get(OptionKey.STRICT);
    return o != null && o.text().equalsIgnoreCase("true");
  }

  /** {@code main=on} (the default). */
  public boolean mainAsRootTask() {
    ParsedOption o = valid.get(OptionKey.MAIN);
    return o == null || !o.text().equalsIgnoreCase("off");
  }

  /** The {@code jfr} file, if given. */
  public Optional<String> jfrFile() {
    ParsedOption o = valid.get(OptionKey.JFR);
    return o == null ? Optional.empty() : Optional.of(o.text());
  }

  /** The patterns of a pattern key; empty when not given. */
  public List<MethodPattern> patterns(OptionKey key) {
    ParsedOption o = valid.get(key);
    return o == null ? List.of() : MethodPattern.parseList(o.text());
  }

  /** Whether any option came from the agent arguments or a config file. */
  public boolean anyGivenToAgent() {
    for (ParsedOption o : valid.values()) {
      if (o.source() != ParsedOption.Source.SYSTEM_PROPERTY) {
        return true;
      }
    }
    for (ParsedOption o : problems) {
      if (o.source() != ParsedOption.Source.SYSTEM_PROPERTY) {
        return true;
      }
    }
    return false;
  }

  /**
   * The options for the kernel ({@code KernelState.installAgentOptions}): every valid option given
   * to the agent, and for a runtime setting that is not valid (from any source), the runtime's
   * default, so the kernel does not report it a second time.
   */
  public Map<String, String> kernelOptions() {
    Map<String, String> map = new LinkedHashMap<>();
    for (ParsedOption o : valid.values()) {
      if (o.source() != ParsedOption.Source.SYSTEM_PROPERTY) {
        map.put(o.key().key(), o.text());
      }
    }
    for (ParsedOption o : problems) {
      if (o.key() != null && o.key().isRuntimeSetting() && !valid.containsKey(o.key())) {
        map.put(o.key().key(), o.key().runtimeDefault());
      }
    }
    return map;
  }

  /**
   * Whether the agent should print this problem itself. A bad {@code -Dtaskrt.KEY} of a runtime
   * setting is reported by the kernel when it reads its settings, so the agent stays quiet about it
   * unless it is about to stop the JVM.
   */
  public boolean reportsItself(ParsedOption problem) {
    return strict()
        || !(problem.source() == ParsedOption.Source.SYSTEM_PROPERTY
            && problem.key() != null
            && problem.key().isRuntimeSetting());
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
