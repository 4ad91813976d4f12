package dev.taskrt.agent.cli;

import dev.taskrt.inspect.InspectCommand;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar taskrt-agent.jar [command]}: the {@link Command}s {@code help}, {@code version},
 * {@code attach <pid> [options]} and {@code inspect ...}. Without a command it prints the help,
 * which is generated from the option keys and the commands ({@link Help}).
 */
public final class Cli {
  /** Exit status for a command line that could not be understood. */
  public static final int USAGE_STATUS = 64;

  private Cli() {}

  /**
   * Runs a command.
   *
   * @param args the command and its arguments
   * @param out where the command's output goes
   * @param err where problems go
   * @return the process exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Command command = args.length == 0 ? Command.HELP : Command.byWord(args[0]);
    if (command == null && (args[0].equals("--help") || args[0].equals("--version"))) {
      command = Command.byWord(args[0].substring(2));
    }
    if (command == null) {
      err.println("taskrt: unknown command '" + args[0] + "'");
      err.print(usage());
      return USAGE_STATUS;
    }
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case VERSION:
        out.println("taskrt agent " + version());
        return 0;
      case ATTACH:
        return Attach.run(rest, ownJar(), out, err);
      case INSPECT:
        return inspect(rest, err);
      default:
        out.print(usage());
        return 0;
    }
  }

  /** The help text: every option and every command. */
  public static String usage() {
    return Help.text(version());
  }

  /** The version from the jar's manifest, or {@code dev} when run from classes. */
  public static String version() {
    String v =
        Cli.class.getPackage() == null ? null : Cli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static int inspect(String[] args, PrintStream err) {
    try {
      return InspectCommand.run(args);
    } catch (RuntimeException e) {
      err.println("taskrt: inspect failed: " + e);
      return 1;
    }
  }

  private static File ownJar() {
    try {
      return Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toFile();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
