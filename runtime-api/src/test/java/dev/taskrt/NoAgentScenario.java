package dev.taskrt;

import java.time.Duration;

/**
 * A program with no agent and so no root task ({@link NoAgentLifetimeTest}): main spawns a strong
 * task that works after main returned, and a weak one that would run for ever, then returns.
 */
public final class NoAgentScenario {
  private NoAgentScenario() {}

  public static void main(String[] args) {
    Kernel.atExit(
        "goodbye", () -> System.out.println("at_exit goodbye, strong " + Kernel.strongTasks()));
    Tasks.builder()
        .name("poller")
        .weak()
        .spawn(
            () -> {
              Tasks.onUnwind(() -> System.out.println("poller unwound"));
              Tasks.sleep(Duration.ofMinutes(10));
              return null;
            });
    Tasks.builder()
        .name("worker")
        .spawn(
            () -> {
              Thread.sleep(500);
              System.out.println("worker finished after main returned");
              return null;
            });
    System.out.println("main returns");
  }
}
