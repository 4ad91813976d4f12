package dev.taskrt;

import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A program run in its own JVM by {@link ShutdownTest}: a strong worker that never ends on its own
 * and a weak poller, then {@code System.exit(3)}, with the kernel's exit sequence called the way
 * the agent's advice calls it before the JVM's shutdown hooks.
 */
public final class ExitScenario {
  private ExitScenario() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch up = new CountDownLatch(2);
    Tasks.builder()
        .name("endless-worker")
        .spawn(
            () -> {
              Tasks.onUnwind(() -> System.out.println("worker unwinding after kill"));
              // a weak child of a strong task: it must outlive the at_exit handlers all the same
              Tasks.builder()
                  .name("poller")
                  .weak()
                  .spawn(
                      () -> {
                        Tasks.onUnwind(() -> System.out.println("poller unwinding after kill"));
                        up.countDown();
                        Tasks.sleep(Duration.ofMinutes(10));
                        return null;
                      });
              up.countDown();
              Tasks.sleep(Duration.ofMinutes(10));
              return null;
            });
    up.await();
    Kernel.atExit(
        "report", () -> System.out.println("at_exit report, strong " + Kernel.strongTasks()));
    ShutdownSequence.exitRequested(3); // advice on Runtime.exit
    ShutdownSequence.jvmExiting(); // advice on the JVM's shutdown hooks
    System.exit(3);
  }
}
