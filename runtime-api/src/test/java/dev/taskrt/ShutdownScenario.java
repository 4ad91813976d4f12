package dev.taskrt;

import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A program run in its own JVM by {@link ShutdownTest}: a strong worker, a weak flusher, three
 * at_exit handlers (the middle one fails), then the root task's return, as the agent ends main.
 */
public final class ShutdownScenario {
  private ShutdownScenario() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch flusherUp = new CountDownLatch(1);
    TaskHandle<Object> flusher =
        Tasks.builder()
            .name("flusher")
            .weak()
            .spawn(
                () -> {
                  Tasks.onUnwind(() -> System.out.println("flusher unwinding after kill"));
                  flusherUp.countDown();
                  while (true) {
                    Tasks.sleep(Duration.ofMillis(5));
                  }
                });
    flusherUp.await();
    // The worker is still running when main returns however loaded the machine: it starts its
    // 300 ms only once main is about to return.
    CountDownLatch mainReturning = new CountDownLatch(1);
    Tasks.builder()
        .name("worker")
        .spawn(
            () -> {
              mainReturning.await();
              Thread.sleep(300);
              System.out.println("worker finished");
              return null;
            });
    Kernel.atExit("first-registered", () -> System.out.println("at_exit first-registered"));
    Kernel.atExit(
        "second-registered",
        () -> {
          System.out.println("at_exit second-registered fails");
          throw new IllegalStateException("handler broke");
        });
    Kernel.atExit(
        "third-registered",
        () ->
            // whether the weak flusher is still alive, not its state at this instant: between
            // two sleeps it is RUNNING, during one BLOCKED
            System.out.println(
                "at_exit third-registered, flusher "
                    + (flusher.state().isTerminal() ? "ended " + flusher.state() : "alive")
                    + ", strong tasks "
                    + Kernel.strongTasks()));
    System.out.println("main returns");
    mainReturning.countDown();
    ShutdownSequence.rootReturned(false); // what the agent does when main returns
    System.out.println("flusher ended " + flusher.state());
    try {
      Kernel.atExit("too-late", () -> {});
    } catch (IllegalStateException refused) {
      System.out.println("refused: " + refused.getMessage());
    }
  }
}
