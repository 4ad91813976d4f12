package dev.taskrt.agent.cli;

import dev.taskrt.agent.config.OptionKey;

/**
 * The help of {@code java -jar taskrt-agent.jar}, generated from the option keys ({@link
 * OptionKey}: each key's description and valid forms) and the commands ({@link Command}: each one's
 * usage), so it names every option and command there is.
 */
final class Help {
  private static final String JAR = "java -jar taskrt-agent.jar ";
  private static final String INDENT = "                    ";

  private Help() {}

  /** The help text, lines ended by {@code \n}. */
  static String text(String version) {
    StringBuilder b = new StringBuilder();
    b.append("taskrt agent ").append(version).append("\n\n");
    b.append("As an agent:\n");
    b.append("  java -javaagent:taskrt-agent.jar[=key=value,...] -jar app.jar\n");
    b.append("  Commas inside [...] belong to the value. Each key also works as\n");
    b.append("  -Dtaskrt.KEY=VALUE and in a config=FILE properties file; the runtime settings\n");
    b.append("  (stackLimit ... doubleFailure) also as TASKRT_KEY environment variables.\n\n");
    b.append("Options:\n");
    for (OptionKey key : OptionKey.values()) {
      b.append("  ").append(pad(key.key(), INDENT.length() - 2)).append(key.description());
      b.append('\n').append(INDENT).append("values: ").append(key.validForms()).append('\n');
    }
    b.append("\nCommands:\n");
    for (Command command : Command.values()) {
      b.append("  ").append(JAR).append(command.usage()).append('\n');
      b.append(INDENT).append(command.description()).append('\n');
    }
    return b.toString();
  }

  private static String pad(String text, int width) {
    StringBuilder b = new StringBuilder(text);
    do {
      b.append(' ');
    } while (b.length() < width);
    return b.toString();
  }
}
