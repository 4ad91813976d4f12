package dev.taskrt;

import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A program run in its own JVM by {@link KernelModelTest}: at_exit handlers that use the task model
 * (task-locals, defer, kills), one over its time, a {@code single:} scheduler and a registered one
 * with a close hook; then the root task's return, as the agent ends main.
 */
public final class AtExitScenario {
  private AtExitScenario() {}

  private static final TaskLocal<String> WHO = TaskLocal.of("who");

  public static void main(String[] args) throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    Kernel.schedulers()
        .register(
            "mine",
            new Scheduler() {
              @Override
              public void execute(Runnable body) {
                new Thread(body, "mine-thread").start();
              }

              @Override
              public void close() {
                closed.set(true);
                System.out.println("scheduler mine closed");
              }
            });
    Tasks.builder().name("on-mine").scheduler("mine").spawn(() -> null).join();
    Thread[] single = new Thread[1];
    Tasks.builder()
        .name("on-single")
        .scheduler("single:worker")
        .spawn(
            () -> {
              single[0] = Thread.currentThread();
              return null;
            })
        .join();
    System.out.println(
        "counts single:worker started="
            + Kernel.schedulers().tasksStarted("single:worker")
            + " mine started="
            + Kernel.schedulers().tasksStarted("mine"));

    Kernel.atExit(
        "tidy",
        () -> {
          Tasks.defer(() -> System.out.println("tidy deferred ran"));
          WHO.set("tidy-local");
          System.out.println(
              "tidy in task "
                  + Tasks.inTask()
                  + " named "
                  + Tasks.current().name()
                  + " local "
                  + WHO.get());
        });
    Kernel.atExit(
        "slow",
        () -> {
          Tasks.onUnwind(() -> System.out.println("slow unwound after kill"));
          Tasks.sleep(Duration.ofMinutes(10)); // over shutdownTimeout: killed
        });
    ShutdownSequence.rootReturned(false);
    single[0].join(10_000);
    System.out.println("single:worker thread alive after shutdown " + single[0].isAlive());
    // the killed handler ends soon after the kill; give its hook time to print
    Thread.sleep(500);
  }
}
