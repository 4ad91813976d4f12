package dev.taskrt.junit;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The tasks a test left behind: those still running at its end and those that failed with nobody
 * joining them. Stops the running ones, and makes the failure that names them all.
 */
final class LeftBehind {
  /** How long a killed leftover gets to end before the next test starts. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final String test;
  private final List<TaskHandle<?>> running;
  private final List<String> runningAtEnd = new ArrayList<>();
  private final List<TaskFailureListener.Failed> unjoined;

  /**
   * What {@code test} left behind, described as it is now (before any leftover is killed).
   *
   * @param running its descendants that had not ended at its end
   * @param unjoined its descendants that failed and whose failure reached nobody
   */
  LeftBehind(
      TaskHandle<?> test, List<TaskHandle<?>> running, List<TaskFailureListener.Failed> unjoined) {
    this.test = "'" + test.name() + "' (#" + test.id() + ")";
    this.running = List.copyOf(running);
    this.unjoined = List.copyOf(unjoined);
    for (TaskHandle<?> task : running) {
      runningAtEnd.add(describe(task));
    }
  }

  /** Kills every running leftover (and so its descendants) and waits a bounded time for each. */
  void stopRunning() {
    for (TaskHandle<?> task : running) {
      task.kill();
    }
    for (TaskHandle<?> task : running) {
      awaitEnd(task);
    }
  }

  /** Waits at most {@link #KILL_GRACE} for {@code task} to end, however it ends. */
  static void awaitEnd(TaskHandle<?> task) {
    try {
      task.join(KILL_GRACE);
    } catch (RuntimeException e) {
      // killed or failed (its outcome is read where it matters), or still running
    }
  }

  /** The failure that names every leftover, or null when the test left none. */
  AssertionError report() {
    if (running.isEmpty() && unjoined.isEmpty()) {
      return null;
    }
    StringBuilder message = new StringBuilder("test task ").append(test).append(':');
    if (!running.isEmpty()) {
      message.append("\n  ").append(count(running.size())).append(" still running at its end:");
      for (int i = 0; i < running.size(); i++) {
        message.append("\n    ").append(runningAtEnd.get(i));
        message.append(
            isEnded(running.get(i).state())
                ? " - killed since"
                : " - still running " + KILL_GRACE.toSeconds() + " s after a kill");
      }
    }
    if (!unjoined.isEmpty()) {
      message.append("\n  ").append(count(unjoined.size())).append(" failed, never joined:");
      for (TaskFailureListener.Failed f : unjoined) {
        message.append("\n    ").append(describe(f.task())).append(": ").append(f.failure());
      }
    }
    Throwable cause = unjoined.isEmpty() ? null : unjoined.get(0).failure();
    AssertionFailedError error = new AssertionFailedError(message.toString(), cause);
    for (int i = 1; i < unjoined.size(); i++) {
      error.addSuppressed(unjoined.get(i).failure());
    }
    return error;
  }

  private static String count(int n) {
    return n == 1 ? "1 task" : n + " tasks";
  }

  /** {@code 'name' (#id, STATE)}: what the message says of each task. */
  private static String describe(TaskHandle<?> task) {
    return "'" + task.name() + "' (#" + task.id() + ", " + task.state() + ")";
  }

  private static boolean isEnded(TaskState state) {
    return state == TaskState.DONE || state == TaskState.FAILED || state == TaskState.KILLED;
  }
}
