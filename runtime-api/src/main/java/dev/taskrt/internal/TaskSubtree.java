package dev.taskrt.internal;

import dev.taskrt.TaskHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API. Read-only questions about a task's subtree, asked after the task has ended: which of its
 * descendants still run, and whether a failed task's failure reached anyone. The JUnit extension
 * (module {@code junit}) asks them at the end of each test.
 *
 * <p>Both answers are snapshots taken without stopping the tasks. A task is running until its
 * outcome is final; listeners' {@code onEnd} runs before that, so a task that this class no longer
 * sees running has already been reported to every listener.
 */
public final class TaskSubtree {
  private TaskSubtree() {}

  /**
   * The descendants of {@code task} that have not ended, spawned but not yet started ones included,
   * each before its own descendants. Empty for a handle this runtime did not make.
   */
  public static List<TaskHandle<?>> runningDescendants(TaskHandle<?> task) {
    List<TaskHandle<?>> running = new ArrayList<>();
    if (task instanceof TaskContext) {
      collect((TaskContext) task, running);
    }
    return running;
  }

  private static void collect(TaskContext parent, List<TaskHandle<?>> running) {
    for (TaskContext child : parent.childrenSnapshot()) {
      if (child.outcome() == null) {
        running.add(child);
      }
      collect(child, running); // an ended child stays linked while it has live descendants
    }
  }

  /**
   * Whether {@code task}, not yet ended, is on its way out: its body has returned or thrown (its
   * hooks, linked kills and listeners may still be running), or a kill came (its own, or a
   * relative's failure).
   */
  public static boolean ending(TaskHandle<?> task) {
    return task instanceof TaskContext && ((TaskContext) task).ending();
  }

  /**
   * Whether the outcome of {@code task} reached someone: a {@code join}, a {@code toFuture}, the
   * caller of a synchronous task (its failure is rethrown there), or the executor that ran
   * handed-off work. True for a handle this runtime did not make.
   */
  public static boolean outcomeReachedSomeone(TaskHandle<?> task) {
    if (!(task instanceof TaskContext)) {
      return true;
    }
    TaskContext t = (TaskContext) task;
    return t.synchronous || t.failureGoesToCaller || t.outcomeAsked();
  }
}
