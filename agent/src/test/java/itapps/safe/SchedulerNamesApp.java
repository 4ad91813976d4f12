package itapps.safe;

import dev.taskrt.Spawn;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Spawns on scheduler names nothing registered: {@code option} runs {@code @Spawn} and {@code
 * Tasks.spawn} under {@code defaultScheduler=nope}; {@code annotation} runs a {@code @Spawn} whose
 * annotation names {@code typo}. Each spawn prints on which pool its task ran.
 */
public final class SchedulerNamesApp {
  private SchedulerNamesApp() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("option")) {
      for (int i = 1; i <= 2; i++) {
        System.out.println("@Spawn " + i + " ran on " + spawned().get(30, TimeUnit.SECONDS));
      }
      for (int i = 1; i <= 2; i++) {
        String pool = Tasks.spawn(SchedulerNamesApp::pool).join(Duration.ofSeconds(30));
        System.out.println("Tasks.spawn " + i + " ran on " + pool);
      }
    } else {
      for (int i = 1; i <= 2; i++) {
        System.out.println("@Spawn(typo) " + i + " ran on " + typo().get(30, TimeUnit.SECONDS));
      }
    }
  }

  @Spawn
  static CompletableFuture<String> spawned() {
    return CompletableFuture.completedFuture(pool());
  }

  @Spawn(scheduler = "typo")
  static CompletableFuture<String> typo() {
    return CompletableFuture.completedFuture(pool());
  }

  static String pool() {
    String thread = Thread.currentThread().getName();
    return thread.startsWith("taskrt-default-") ? "default" : thread;
  }
}
