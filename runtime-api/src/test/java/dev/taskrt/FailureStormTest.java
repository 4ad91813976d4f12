package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 11,111 tasks in a linked tree (1 + 10 + 100 + 1,000 + 10,000), each blocked, each with a hook;
 * one leaf fails. Every task must end KILLED or FAILED, every hook must run exactly once, and no
 * task or task thread may be left.
 *
 * <p>Starting and killing 11,111 threads takes seconds on a quiet machine and minutes on a loaded
 * one: every wait here is a hang guard ({@link #HANG_GUARD}, and the class's timeout over them
 * all), never a performance bound. How fast a storm ends is for a benchmark to say.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureStormTest {
  /** How long each wait may take before the storm is taken to be stuck: a hang guard only. */
  private static final Duration HANG_GUARD = Duration.ofMinutes(5);

  private static final int FAN_OUT = 10;
  private static final int LEVELS = 5; // root level included
  private static final int EXPECTED = 11_111;

  private final Map<Long, TaskHandle<?>> tasks = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> hookRuns = new ConcurrentHashMap<>();
  private final AtomicInteger ready = new AtomicInteger();
  private final AtomicReference<TaskHandle<?>> chosenLeaf = new AtomicReference<>();
  private final CountDownLatch allReady = new CountDownLatch(1);

  @Test
  void oneFailingLeafEndsEveryLinkedTaskAndLeavesNothingBehind() throws Exception {
    long liveBefore = Kernel.liveTasks();
    TaskHandle<Object> root = spawnNode("storm-root", 1);
    assertThat(allReady.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
        .as("all %d tasks started (%d did)", EXPECTED, ready.get())
        .isTrue();

    failLeaf(chosenLeaf.get());
    assertThat(Awaits.outcome(root, HANG_GUARD)).isIn(TaskState.KILLED, TaskState.FAILED);

    Awaits.until(
        "every storm task ended",
        HANG_GUARD,
        () -> tasks.values().stream().allMatch(t -> t.state().isTerminal()));
    List<TaskState> outcomes = new ArrayList<>();
    tasks.values().forEach(t -> outcomes.add(t.state()));
    assertThat(outcomes)
        .hasSize(EXPECTED)
        .allMatch(s -> s == TaskState.KILLED || s == TaskState.FAILED);
    assertThat(outcomes.stream().filter(s -> s == TaskState.FAILED).count()).isEqualTo(1);
    assertThat(hookRuns).hasSize(EXPECTED);
    assertThat(hookRuns.values()).allMatch(runs -> runs.get() == 1);

    Awaits.until(
        "no storm task counted as live", HANG_GUARD, () -> Kernel.liveTasks() == liveBefore);
    Awaits.until("no storm thread left", HANG_GUARD, () -> stormThreads() == 0);
  }

  private TaskHandle<Object> spawnNode(String name, int level) {
    TaskHandle<Object> handle =
        Tasks.builder()
            .name(name)
            .stackSize(256 * 1024) // a thread per task; small stacks keep 11k threads cheap
            .spawn(
                () -> {
                  long id = Tasks.current().id();
                  Tasks.defer(
                      () ->
                          hookRuns.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                  if (level < LEVELS) {
                    for (int i = 0; i < FAN_OUT; i++) {
                      spawnNode(name + "." + i, level + 1);
                    }
                  } else {
                    chosenLeaf.compareAndSet(null, Tasks.current());
                  }
                  if (ready.incrementAndGet() == EXPECTED) {
                    allReady.countDown();
                  }
                  waitForFailureOrKill();
                  return null;
                });
    tasks.put(handle.id(), handle);
    return handle;
  }

  private static final Map<Long, CountDownLatch> FAIL_SIGNALS = new ConcurrentHashMap<>();

  private static void waitForFailureOrKill() throws InterruptedException {
    CountDownLatch signal =
        FAIL_SIGNALS.computeIfAbsent(Tasks.current().id(), k -> new CountDownLatch(1));
    signal.await(); // a kill interrupts the wait and the task ends KILLED
    throw new IllegalStateException("leaf " + Tasks.current().name() + " fails");
  }

  private static void failLeaf(TaskHandle<?> leaf) {
    FAIL_SIGNALS.computeIfAbsent(leaf.id(), k -> new CountDownLatch(1)).countDown();
  }

  private static long stormThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("taskrt-stack-") && t.isAlive())
        .count();
  }
}
