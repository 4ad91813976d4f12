package dev.taskrt;

import dev.taskrt.internal.KernelState;
import dev.taskrt.internal.RuntimeSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Prints the configuration in force, then again after agent options arrive ({@link
 * KernelModelTest}).
 */
public final class ConfigScenario {
  private ConfigScenario() {}

  public static void main(String[] args) {
    print("before agent");
    // as the agent starts: the settings it parsed from every source, then the texts it was given
    RuntimeSettings.useAgentSettings(
        new RuntimeSettings(
            4 << 20, 64 * 1024, Duration.ofSeconds(7), "platform", "record", false));
    KernelState.get().installAgentOptions(Map.of("stackLimit", "4m", "shutdownTimeout", "7s"));
    print("agent");
    System.out.println("args " + Kernel.args());
  }

  private static void print(String when) {
    for (String key :
        new String[] {
          "stackLimit",
          "stackSegment",
          "shutdownTimeout",
          "defaultScheduler",
          "doubleFailure",
          "own"
        }) {
      System.out.println(when + " " + key + "=" + Kernel.config(key).orElse("<none>"));
    }
  }
}
