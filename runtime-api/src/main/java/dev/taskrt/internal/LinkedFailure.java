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

  private static void killChildren(
      TaskContext task, Throwable cause, TaskContext source, boolean cancel, boolean spareWeak) {
    for (TaskContext child : task.childrenSnapshot()) {
      if (child.mode != SpawnMode.UNLINKED && !(spareWeak && child.weak)) {
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
