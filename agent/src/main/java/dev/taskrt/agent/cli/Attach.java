package dev.taskrt.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.PrintStream;

/**
 * {@code attach <pid> [options]}: loads this jar as an agent into a running JVM; in it, classes
 * already loaded that have targets are retransformed.
 */
final class Attach {
  private Attach() {}

  static int run(String[] args, File jar, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2) {
      err.println("taskrt: usage: " + Command.ATTACH.usage());
      return Cli.USAGE_STATUS;
    }
    String pid = args[0];
    if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
      err.println("taskrt: attach: '" + pid + "' is not a process id");
      return Cli.USAGE_STATUS;
    }
    if (jar == null || !jar.isFile()) {
      err.println(
          "taskrt: attach: run this command from the agent jar (java -jar taskrt-agent.jar)");
      return Cli.USAGE_STATUS;
    }
    String options = args.length == 2 ? args[1] : null;
    try {
      VirtualMachine vm = VirtualMachine.attach(pid);
      try {
        vm.loadAgent(jar.getAbsolutePath(), options);
      } finally {
        vm.detach();
      }
      out.println("taskrt: agent loaded into process " + pid);
      return 0;
    } catch (Exception e) {
      err.println("taskrt: attach to process " + pid + " failed: " + e);
      return 1;
    }
  }
}
