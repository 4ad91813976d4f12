package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Tasks.sleep} on a thread whose interrupt flag is set (the "catch InterruptedException,
 * re-interrupt" idiom): the sleep parks as any sleep does instead of spinning on the flag, and the
 * flag is left set, as pipe waits and {@code join} leave it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SleepWithInterruptFlagTest {
  private static final Duration SLEEP = Duration.ofSeconds(1);

  /** CPU the thread spent, as a fraction of the sleep; a parked sleep uses almost none. */
  private static double cpuShareOfSleep(ThreadMXBean threads, long cpuBefore) {
    return (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) SLEEP.toNanos();
  }

  /** How many times this thread entered a wait or park so far. */
  private static long waitsOfThisThread(ThreadMXBean threads) {
    return threads.getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
  }

  @Test
  void aTaskSleepingWithItsInterruptFlagSetParksAndKeepsTheFlag() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] share = new double[1];
    long[] slept = new long[1];
    long[] waits = new long[1];
    boolean[] flagAfter = new boolean[1];
    Tasks.run(
        "sleeper",
        () -> {
          Thread.currentThread().interrupt();
          long start = System.nanoTime();
          long waitsBefore = waitsOfThisThread(threads);
          long cpuBefore = threads.getCurrentThreadCpuTime();
          Tasks.sleep(SLEEP);
          share[0] = cpuShareOfSleep(threads, cpuBefore);
          waits[0] = waitsOfThisThread(threads) - waitsBefore;
          slept[0] = System.nanoTime() - start;
          flagAfter[0] = Thread.interrupted();
          return null;
        });
    assertThat(slept[0]).as("nanoseconds slept").isGreaterThanOrEqualTo(SLEEP.toNanos());
    assertThat(waits[0]).as("times the thread parked or waited").isLessThan(100);
    assertThat(share[0]).as("CPU time of a 1 s sleep, as a share of it").isLessThan(0.2);
    assertThat(flagAfter[0]).as("interrupt flag after the sleep").isTrue();
  }

  @Test
  void outsideATaskASleepWithTheFlagSetSleepsItsWholeTimeAndKeepsTheFlag() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    Tasks.sleep(SLEEP);
    double share = cpuShareOfSleep(threads, cpuBefore);
    long slept = System.nanoTime() - start;
    boolean flagAfter = Thread.interrupted();
    assertThat(slept).as("nanoseconds slept").isGreaterThanOrEqualTo(SLEEP.toNanos());
    assertThat(share).as("CPU time of a 1 s sleep, as a share of it").isLessThan(0.2);
    assertThat(flagAfter).as("interrupt flag after the sleep").isTrue();
  }

  @Test
  void aKillStillEndsASleepWhoseFlagIsSet() {
    TaskHandle<Object> sleeper =
        Tasks.spawn(
            () -> {
              Thread.currentThread().interrupt();
              Tasks.sleep(Duration.ofMinutes(10));
              return null;
            });
    Awaits.state(sleeper, TaskState.BLOCKED);
    sleeper.kill();
    assertThat(Awaits.outcome(sleeper)).isEqualTo(TaskState.KILLED);
  }
}
