package dev.taskrt.internal;

import dev.taskrt.SpawnMode;

/**
 * Not API. How a failure travels between linked tasks.
 *
 * <ul>
 *   <li>LINKED: a child's failure kills the parent, the parent's failure kills the child.
 *   <li>SUPERVISED: the parent's failure kills the child and its descendants, even through a parent
 *       in between that has already ended; the child's failure stays with the child.
 *   <li>UNLINKED: neither.
 *   <li>A cancellation ({@link dev.taskrt.TaskHandle#kill()}) travels to descendants only.
 *   <li>A synchronous task's failure reaches its caller as the exception itself, not as a kill.
 *   <li>A failure that starts at a task the user did not mark does not kill that task's unmarked
 *       children (see {@link #spares}).
 * </ul>
 *
 * <p>Kills are delivered one task at a time, outside any monitor; a task already killed stops the
 * walk, so each task is reached at most once per failure.
 */
final class LinkedFailure {
  private LinkedFailure() {}

  /** A task's body failed and its hooks ran: kill its linked relatives with the cause. */
  static void taskFailed(TaskContext task, Throwable cause) {
    killChildren(task, cause, task, false, false);
    killParentIfLinked(task, cause, task);
  }

  /** A kill reached {@code task} (alive or already ended): pass it on. */
  static void afterKill(
      TaskContext task,
      Throwable cause,
      TaskContext source,
      boolean cancel,
      boolean wasAlive,
      boolean spareWeak) {
    killChildren(task, cause, source, cancel, spareWeak);
    if (!cancel && wasAlive) {
      killParentIfLinked(task, cause, source);
    }
  }

  /**
   * At shutdown: kill the task and every descendant, whatever their links; with {@code spareWeak}
   * (the strong phase of the exit sequence) weak descendants are left for the weak phase.
   */
  static void killForShutdown(TaskContext task, boolean spareWeak) {
    if (spareWeak && task.weak) {
      return;
    }
    task.kill(null, null, null, true, spareWeak);
    for (TaskContext child : task.childrenSnapshot()) {
      if (child.mode == SpawnMode.UNLINKED) {
        killForShutdown(child, spareWeak);
      }
    }
  }

  /**
   * DESIGN §8: taskrt's kills apply to what the user marked. A failure that starts at an unmarked
   * task (the implicit root {@code main}, or work handed off from a task) does not travel from an
   * unmarked task to its unmarked children, so an application that names nothing keeps the work it
   * handed to its pools when main throws. A failure of a marked task ({@code @Task},
   * {@code @Spawn}, a pattern, {@code Tasks.spawn}) travels as before, through unmarked tasks too.
   *
   * @param source the task whose failure the kill carries; null for a cancellation or shutdown
   */
  static boolean spares(TaskContext via, TaskContext child, TaskContext source) {
    return source != null && source.unmarked && via.unmarked && child.unmarked;
  }

  private static void killChildren(
      TaskContext task, Throwable cause, TaskContext source, boolean cancel, boolean spareWeak) {
    for (TaskContext child : task.childrenSnapshot()) {
      if (child.mode != SpawnMode.UNLINKED
          && !(spareWeak && child.weak)
          && !(!cancel && spares(task, child, source))) {
        child.kill(cause, cancel ? null : source, cancel ? null : task, cancel, spareWeak);
      }
    }
  }

  private static void killParentIfLinked(TaskContext task, Throwable cause, TaskContext source) {
    TaskContext parent = task.parent;
    if (parent != null && task.mode == SpawnMode.LINKED && !task.synchronous) {
      if (parent.outcome() == null) {
        parent.kill(cause, source, task, false);
      }
    }
  }
}
