package dev.taskrt.agent.cli;

/** The commands of {@code java -jar taskrt-agent.jar}, each with its usage line for the help. */
enum Command {
  /** Prints the help (also what no command does). */
  HELP("help", "", "print this help (also what no command does)"),
  /** Prints the version. */
  VERSION("version", "", "print the version"),
  /** Loads the agent into a running JVM. */
  ATTACH(
      "attach",
      "<pid> [options]",
      "load the agent into a running JVM; loaded classes that have targets are rewritten"),
  /** Shows what the tasks of a recording did. */
  INSPECT(
      "inspect",
      "<file.jfr> [view] [--html FILE] [--json]",
      "show what the tasks of a recording did (inspect --help: views and options)");

  private final String word;
  private final String arguments;
  private final String description;

  Command(String word, String arguments, String description) {
    this.word = word;
    this.arguments = arguments;
    this.description = description;
  }

  /** The word that names the command. */
  String word() {
    return word;
  }

  /** How the command is written: {@code attach <pid> [options]}. */
  String usage() {
    return arguments.isEmpty() ? word : word + " " + arguments;
  }

  /** What the command does, in one line. */
  String description() {
    return description;
  }

  /** The command named {@code word}, or null. */
  static Command byWord(String word) {
    for (Command c : values()) {
      if (c.word.equals(word)) {
        return c;
      }
    }
    return null;
  }
}
