package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.SpawnMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The kernel's registry of live tasks: what shutdown lists is exactly what was added and not yet
 * removed.
 */
class LiveTaskRegistryTest {
  private static final AtomicLong IDS = new AtomicLong();

  private static TaskContext task() {
    long id = IDS.incrementAndGet();
    return new TaskContext(id, "t" + id, null, SpawnMode.LINKED, false, false, "test", null, 0, 0);
  }

  @Test
  void listsWhatWasAddedAndNotRemovedWhereverItSitsInItsStripe() {
    LiveTaskRegistry registry = new LiveTaskRegistry();
    List<TaskContext> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // several tasks per stripe: heads, middles and tails
      TaskContext t = task();
      tasks.add(t);
      registry.add(t);
    }
    List<TaskContext> kept = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (i % 3 == 0) {
        registry.remove(tasks.get(i));
      } else {
        kept.add(tasks.get(i));
      }
    }
    assertThat(registry.snapshot()).containsExactlyInAnyOrderElementsOf(kept);
  }

  @Test
  void removingATaskThatIsNotRegisteredChangesNothing() {
    LiveTaskRegistry registry = new LiveTaskRegistry();
    TaskContext in = task();
    registry.add(in);
    TaskContext never = task();
    registry.remove(never);
    registry.remove(in);
    registry.remove(in);
    assertThat(registry.snapshot()).isEmpty();
  }

  @Test
  void concurrentAddsAndRemovesLeaveNothingBehind() throws InterruptedException {
    LiveTaskRegistry registry = new LiveTaskRegistry();
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 20_000; i++) {
                  TaskContext t = task();
                  registry.add(t);
                  registry.remove(t);
                }
              });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(registry.snapshot()).isEmpty();
  }
}
