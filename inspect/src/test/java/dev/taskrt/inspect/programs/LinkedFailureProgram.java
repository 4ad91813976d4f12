package dev.taskrt.inspect.programs;

import dev.taskrt.Kernel;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small real program on the programmatic API, run in a child JVM with a recording on, whose
 * recording the inspect tests read. What it must produce:
 *
 * <ul>
 *   <li>{@code config-load}: a synchronous root task that ends DONE.
 *   <li>{@code app} (root) spawns {@code fine} (DONE), {@code sleeper} (UNLINKED, cancelled with
 *       {@code kill()}: KILLED, no failure behind it), {@code lonely} (UNLINKED, FAILED, kills
 *       nobody) and {@code service}; {@code service} spawns {@code sibling} (SUPERVISED) and {@code
 *       worker}; {@code worker} spawns {@code leaf}.
 *   <li>{@code leaf} fails with {@code IllegalStateException: disk full} after two hooks ran, one
 *       of which failed (a double failure). The failure travels child-to-parent to {@code worker},
 *       {@code service} and {@code app}, and parent-to-child from {@code service} to {@code
 *       sibling}: all KILLED, each running its own onUnwind hook.
 *   <li>Exit: at_exit handlers {@code flush-logs} then {@code close-db} registered, so {@code
 *       close-db} runs first and fails, {@code flush-logs} second; {@code flusher} (strong) is
 *       waited for and ends DONE; {@code poller} (weak) is killed.
 * </ul>
 *
 * <p>Without the agent, main is not a root task and the kernel's shutdown would run from a JVM
 * shutdown hook, whose events may miss the recording dumped at exit; so main ends by calling {@link
 * ShutdownSequence#rootReturned}, as the agent does when the root task returns.
 */
public final class LinkedFailureProgram {
  private LinkedFailureProgram() {}

  public static void main(String[] args) throws Exception {
    Kernel.atExit("flush-logs", () -> {});
    Kernel.atExit(
        "close-db",
        () -> {
          throw new IllegalStateException("db already closed");
        });
    Tasks.run("config-load", () -> "loaded");

    // UNLINKED: under the agent main is the root task, and leaf's failure stops at app
    TaskHandle<Object> app =
        Tasks.builder().name("app").mode(SpawnMode.UNLINKED).spawn(LinkedFailureProgram::app);
    try {
      app.join(Duration.ofSeconds(30));
      throw new AssertionError("app should have been killed by leaf's failure");
    } catch (TaskFailedException expected) {
      // app was killed: leaf's failure travelled up to it
    }
    // app can end before its descendants finish unwinding; the exit phase starts after all
    for (TaskHandle<?> task : SPAWNED) {
      awaitEnd(task);
    }

    Tasks.builder()
        .name("poller")
        .weak()
        .spawn(
            () -> {
              while (true) {
                Tasks.sleep(Duration.ofMillis(20));
              }
            });
    Tasks.builder()
        .name("flusher")
        .spawn(
            () -> {
              Thread.sleep(150);
              return null;
            });
    if (!Tasks.inTask()) {
      ShutdownSequence.rootReturned(false); // the agent does this itself when main returns
    }
  }

  /** Every task spawned under app, so main can wait for all of them to end. */
  private static final java.util.Queue<TaskHandle<?>> SPAWNED =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Leaf fails once sibling and worker run, so the kill reaches tasks that are alive. */
  private static final CountDownLatch RELATIVES_RUNNING = new CountDownLatch(2);

  private static Object app() {
    Tasks.builder().name("fine").spawn(() -> 42).join(Duration.ofSeconds(20));
    TaskHandle<Object> sleeper =
        Tasks.builder().name("sleeper").mode(SpawnMode.UNLINKED).spawn(LinkedFailureProgram::nap);
    sleeper.kill();
    awaitEnd(sleeper);
    TaskHandle<Object> lonely =
        Tasks.builder()
            .name("lonely")
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  throw new UnsupportedOperationException("not here");
                });
    awaitEnd(lonely);
    Tasks.onUnwind(() -> {});
    remember(Tasks.builder().name("service").spawn(LinkedFailureProgram::service));
    return nap();
  }

  private static Object service() {
    Tasks.onUnwind(() -> {});
    remember(
        Tasks.builder()
            .name("sibling")
            .mode(SpawnMode.SUPERVISED)
            .spawn(
                () -> {
                  Tasks.onUnwind(() -> {});
                  RELATIVES_RUNNING.countDown();
                  return nap();
                }));
    remember(Tasks.builder().name("worker").spawn(LinkedFailureProgram::worker));
    return nap();
  }

  private static Object worker() {
    Tasks.onUnwind(() -> {});
    remember(Tasks.builder().name("leaf").spawn(LinkedFailureProgram::leaf));
    RELATIVES_RUNNING.countDown();
    return nap();
  }

  private static Object nap() {
    Tasks.sleep(Duration.ofMinutes(1));
    return null;
  }

  private static void remember(TaskHandle<?> task) {
    SPAWNED.add(task);
  }

  private static Object leaf() throws Exception {
    Tasks.onUnwind(() -> {});
    Tasks.defer(
        () -> {
          throw new java.io.IOException("cannot flush while failing");
        });
    RELATIVES_RUNNING.await(20, TimeUnit.SECONDS);
    throw new IllegalStateException("disk full");
  }

  private static void awaitEnd(TaskHandle<?> task) {
    try {
      task.join(Duration.ofSeconds(20));
    } catch (TaskFailedException ended) {
      // killed or failed, as planned
    }
  }
}
