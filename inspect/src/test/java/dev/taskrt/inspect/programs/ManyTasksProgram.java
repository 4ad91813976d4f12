package dev.taskrt.inspect.programs;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code N} short tasks (argument 1, default a million) with the recording on, for measuring
 * {@code inspect} on a large recording: a root task {@code generator} spawns batches of 1,000 tasks
 * ({@code batch-K}), each of which spawns its share of leaf tasks with default names; every
 * 100,000th leaf is UNLINKED and fails, so the failure views have something to show.
 */
public final class ManyTasksProgram {
  private ManyTasksProgram() {}

  public static void main(String[] args) {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int perBatch = 1_000;
    int batches = Math.max(1, total / perBatch);
    long started = System.nanoTime();
    TaskHandle<Object> generator =
        Tasks.builder()
            .name("generator")
            .spawn(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    int first = b * perBatch;
                    Tasks.builder()
                        .name("batch-" + b)
                        .spawn(() -> runBatch(first, perBatch))
                        .join(Duration.ofMinutes(5));
                  }
                  return null;
                });
    generator.join(Duration.ofMinutes(30));
    System.out.printf(
        "%,d leaf tasks in %,d batches took %.1f s%n",
        batches * perBatch, batches, (System.nanoTime() - started) / 1e9);
    ShutdownSequence.rootReturned(false);
  }

  private static Object runBatch(int first, int count) {
    List<TaskHandle<Object>> handles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = first + i;
      if (n % 100_000 == 99_999) {
        handles.add(
            Tasks.builder()
                .mode(SpawnMode.UNLINKED)
                .spawn(
                    () -> {
                      throw new IllegalArgumentException("task number " + n + " refuses");
                    }));
      } else {
        handles.add(Tasks.spawn(() -> n * 31));
      }
    }
    for (TaskHandle<Object> h : handles) {
      try {
        h.join(Duration.ofMinutes(1));
      } catch (TaskFailedException planned) {
        // the planned failures
      }
    }
    return null;
  }
}
