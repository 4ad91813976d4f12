package dev.taskrt.junit;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskListener;
import dev.taskrt.TaskState;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records the tasks that fail below a running test's task, so that the test can name those nobody
 * joined. A {@link TaskListener} service: the kernel makes it when it starts; nothing calls it
 * directly.
 *
 * <p>Design notes: tests may run in parallel, each as a root task of its own; a failed task is
 * filed under its nearest ancestor that is a watched test task, found by walking up its parents
 * (ended parents stay reachable from their children). The map is empty outside tests, so a failure
 * then costs one lookup. {@code onEnd} runs before the failed task's outcome becomes final, so by
 * the time a test sees a descendant ended, its failure is filed.
 */
public final class TaskFailureListener implements TaskListener {
  /** Failed descendants per watched test task. */
  private static final ConcurrentHashMap<TaskHandle<?>, Queue<Failed>> FAILED_BY_TEST =
      new ConcurrentHashMap<>();

  /** Whether the kernel made this listener (it did not when the JVM hides the service file). */
  private static volatile boolean installed;

  /** A task that failed, and with what. */
  record Failed(TaskHandle<?> task, Throwable failure) {}

  /** Made by the kernel, through {@link java.util.ServiceLoader}. */
  public TaskFailureListener() {
    installed = true;
  }

  /** Files a failed task under the test that started it, if any. */
  @Override
  public void onEnd(TaskHandle<?> task, TaskState outcome, Throwable failure) {
    if (outcome != TaskState.FAILED || FAILED_BY_TEST.isEmpty()) {
      return;
    }
    for (Optional<TaskHandle<?>> up = task.parent(); up.isPresent(); up = up.get().parent()) {
      Queue<Failed> failed = FAILED_BY_TEST.get(up.get());
      if (failed != null) {
        failed.add(new Failed(task, failure));
        return;
      }
    }
  }

  /** Whether failures are being recorded at all. */
  static boolean installed() {
    return installed;
  }

  /** Starts recording failures below {@code test}. */
  static void watch(TaskHandle<?> test) {
    FAILED_BY_TEST.put(test, new ConcurrentLinkedQueue<>());
  }

  /** Stops recording below {@code test}; returns what failed there. */
  static List<Failed> stopWatching(TaskHandle<?> test) {
    Queue<Failed> failed = FAILED_BY_TEST.remove(test);
    return failed == null ? List.of() : List.copyOf(failed);
  }
}
