package dev.taskrt.agent.cli;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar taskrt-agent.jar [command]}: {@code version}, {@code attach <pid> [options]},
 * {@code inspect ...} and {@code top <pid> ...}. Without a command it prints the usage.
 *
 * <p>Extension point: {@code inspect} is built in its own module; when its class {@value
 * #INSPECT_CLASS} (with {@code public static int run(String[] args)}) is on the class path, this
 * command hands it the arguments after {@code inspect} and exits with the status it returns.
 */
public final class Cli {
  /** The class that implements {@code inspect}, from the separate inspect module. */
  public static final String INSPECT_CLASS = "dev.taskrt.inspect.InspectCommand";

  /** Exit status for a command line that could not be understood. */
  public static final int USAGE_STATUS = 64;

  private Cli() {}

  /**
   * Runs a command.
   *
   * @return the process exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.print(usage());
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "version":
      case "--version":
        out.println("taskrt agent " + version());
        return 0;
      case "attach":
        return Attach.run(rest, ownJar(), out, err);
      case "inspect":
        return inspect(rest, err);
      case "top":
        return dev.taskrt.inspect.live.TopCommand.run(rest, out, err);
      default:
        err.println("taskrt: unknown command '" + args[0] + "'");
        err.print(usage());
        return USAGE_STATUS;
    }
  }

  /** The usage text. */
  public static String usage() {
    return String.join(
        System.lineSeparator(),
        "taskrt agent " + version(),
        "",
        "As an agent:",
        "  java -javaagent:taskrt-agent.jar[=key=value,...] -jar app.jar",
        "  options: tasks, spawn, frames, foreign, boundaries (Class[method,...];... patterns),",
        "           jfr=FILE, stackLimit, stackSegment, shutdownTimeout, defaultScheduler,",
        "           doubleFailure=record|abort, main=on|off, propagate=on|off, strict=true|false,",
        "           config=FILE; each also as -Dtaskrt.KEY=VALUE",
        "",
        "Commands:",
        "  java -jar taskrt-agent.jar version                   print the version",
        "  java -jar taskrt-agent.jar attach <pid> [options]    load the agent into a running JVM",
        "  java -jar taskrt-agent.jar inspect <file.jfr> ...    summarise a recording (if built)",
        "  java -jar taskrt-agent.jar top <pid> [--once] [--json] [--interval 1s]",
        "                                                       live view of a JVM's tasks",
        "");
  }

  /** The version from the jar's manifest, or {@code dev} when run from classes. */
  public static String version() {
    String v =
        Cli.class.getPackage() == null ? null : Cli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static int inspect(String[] args, PrintStream err) {
    Class<?> command;
    try {
      command = Class.forName(INSPECT_CLASS);
    } catch (ClassNotFoundException e) {
      err.println(
          "taskrt: inspect is not built into this jar ("
              + INSPECT_CLASS
              + " is not on the class path); build the inspect module to get it");
      return USAGE_STATUS;
    }
    try {
      Method run = command.getMethod("run", String[].class);
      return (Integer) run.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      err.println("taskrt: inspect failed: " + e.getCause());
      return 1;
    } catch (ReflectiveOperationException | ClassCastException e) {
      err.println(
          "taskrt: " + INSPECT_CLASS + " has no usable 'public static int run(String[])': " + e);
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
