package dev.taskrt.inspect.programs;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import dev.taskrt.internal.ShutdownSequence;
import java.time.Duration;

/**
 * A weak task, {@code poller}, is killed at shutdown and unwinds for longer than {@code
 * shutdownTimeout}: the kernel's last KernelStats, written at the end of its shutdown, still counts
 * it live, and its TaskEnd (KILLED) comes after that report. main waits for it before the JVM
 * exits, so both reach the recording.
 */
public final class WeakEndsAfterLastStatsProgram {
  private WeakEndsAfterLastStatsProgram() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("taskrt.shutdownTimeout", "100ms");
    TaskHandle<Object> poller =
        Tasks.builder()
            .name("poller")
            .weak()
            .spawn(
                () -> {
                  Tasks.onUnwind(WeakEndsAfterLastStatsProgram::slowCleanup);
                  Tasks.sleep(Duration.ofMinutes(10));
                  return null;
                });
    while (poller.state() != TaskState.BLOCKED) {
      Thread.sleep(1);
    }
    ShutdownSequence.rootReturned(false);
    try {
      poller.join(Duration.ofSeconds(30));
    } catch (RuntimeException killed) {
      // it ends KILLED, after the kernel's last report
    }
  }

  /** Cleanup that outlasts shutdownTimeout; an interrupt does not cut it short. */
  private static void slowCleanup() {
    long end = System.nanoTime() + 1_000_000_000L;
    boolean interrupted = false;
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
