package dev.taskrt.internal;

import dev.taskrt.internal.jfr.Events;

/**
 * Not API. Runs a frame's or a task's hooks, last registered first, each exactly once.
 *
 * <p>On a normal exit only {@code defer} hooks run and {@code onUnwind} hooks are dropped. On a
 * failure every hook runs while the task is marked unwinding (kills are ignored, the stack limit is
 * doubled). A hook that fails while the scope is already failing is a double failure: it is added
 * as suppressed to the original failure and recorded, or the JVM halts under {@code
 * doubleFailure=abort}. A defer hook that fails on a normal exit becomes the scope's failure, as a
 * {@code close()} failure does in try-with-resources, and the hooks below it then run as unwinding.
 */
final class Unwinder {
  private Unwinder() {}

  /**
   * Runs the hooks registered in the frame marked {@code mark} or deeper.
   *
   * @throws Throwable a defer hook's failure when the frame was exiting normally
   */
  static void runFrameHooks(TaskContext task, long mark, Throwable thrown) {
    Throwable failure = runHooks(task, mark, thrown, null);
    if (thrown == null && failure != null) {
      throw Throwables.<RuntimeException>sneaky(failure);
    }
  }

  /** Runs every hook left (the task's own scope); returns the task's failure afterwards. */
  static Throwable runTaskHooks(TaskContext task, Throwable failure) {
    if (task.hooks == null) {
      return failure;
    }
    return runHooks(task, 0, failure, "task");
  }

  private static Throwable runHooks(TaskContext task, long mark, Throwable failure, String scope) {
    int run = 0;
    int failed = 0;
    boolean doubleFailure = false;
    boolean wasUnwinding = task.unwinding;
    Throwable original = failure;
    dev.taskrt.TaskState stateBefore = task.state;
    try {
      while (task.hooks != null && task.hooks.mark >= mark) {
        Hook hook = task.hooks;
        task.hooks = hook.below;
        task.topHookMark = hook.below == null ? -1 : hook.below.mark;
        if (failure == null && hook.onlyOnFailure) {
          continue;
        }
        if (failure != null && !task.unwinding) {
          task.unwinding = true;
          task.state = dev.taskrt.TaskState.UNWINDING;
        }
        run++;
        try {
          hook.action.close();
        } catch (Throwable hookFailure) {
          failed++;
          if (failure == null) {
            failure = hookFailure;
          } else {
            doubleFailure = true;
            DoubleFailurePolicy.onDoubleFailure(task, failure, hookFailure);
            if (failure != hookFailure) {
              failure.addSuppressed(hookFailure);
            }
          }
        }
      }
    } finally {
      if (!wasUnwinding && task.unwinding) {
        task.endUnwinding();
        task.state = stateBefore;
      }
    }
    if (run > 0 && (failure != null)) {
      Events.unwind(
          task,
          scope != null ? scope : frameScope(task),
          run,
          failed,
          doubleFailure,
          original != null ? original : failure);
    }
    return failure;
  }

  private static String frameScope(TaskContext task) {
    return "frame at depth " + task.depth();
  }
}
