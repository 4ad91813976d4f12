package itapps.otel;

import dev.taskrt.Spawn;
import dev.taskrt.SpawnMode;
import dev.taskrt.Task;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small task tree with each kind of ending, knowing nothing of OpenTelemetry:
 *
 * <pre>
 * main
 *   order                 (@Task)
 *     check               (@Task)
 *     ship                (@Spawn, supervised, weak; joined)
 *   group                 (@Task: ends KILLED by bad's failure)
 *     waiter              (@Spawn, linked: ends KILLED by bad's failure)
 *     bad                 (@Spawn, linked: FAILED)
 *   pooled                (@Task)
 *     pooled/handoff      (work handed to an executor; it runs {@link #pooledWork})
 *   cancelled             (spawned, then kill(): KILLED, cancelled)
 * </pre>
 *
 * <p>With the argument {@code fail}, main then fails (exit status 1).
 */
public class TaskTreeApp {
  /** What the hand-off runs inside the pool; the traced variant makes an application span. */
  static Runnable pooledWork =
      () -> System.out.println("pooled work ran in a task: " + Tasks.inTask());

  public static void main(String[] args) throws Exception {
    System.out.println("order: " + order());
    try {
      group();
    } catch (Throwable killed) {
      System.out.println("group ended: " + killed.getClass().getSimpleName());
    }
    pooled();
    TaskHandle<Object> cancelled =
        Tasks.builder()
            .name("cancelled")
            .spawn(
                () -> {
                  Tasks.sleep(Duration.ofMinutes(1));
                  return null;
                });
    cancelled.kill();
    try {
      cancelled.join();
    } catch (RuntimeException e) {
      System.out.println("cancelled ended: " + cancelled.state());
    }
    if (args.length > 0 && args[0].equals("fail")) {
      throw new IllegalStateException("main fails on purpose");
    }
    System.out.println("main done");
  }

  @Task(name = "order")
  static String order() {
    String checked = check();
    ship().join();
    return checked + ", shipped";
  }

  @Task(name = "check")
  static String check() {
    return "checked";
  }

  @Spawn(name = "ship", mode = SpawnMode.SUPERVISED, weak = true)
  static TaskHandle<Void> ship() {
    return null;
  }

  @Task(name = "group")
  static void group() {
    waiter();
    bad();
    Tasks.sleep(Duration.ofMinutes(1)); // ended by bad's failure, as is waiter
  }

  @Spawn(name = "waiter")
  static void waiter() {
    Tasks.sleep(Duration.ofMinutes(1));
  }

  @Spawn(name = "bad")
  static void bad() {
    throw new IllegalStateException("bad input");
  }

  @Task(name = "pooled")
  static void pooled() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(pooledWork).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }
  }
}
