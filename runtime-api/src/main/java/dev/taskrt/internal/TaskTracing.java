package dev.taskrt.internal;

import dev.taskrt.TaskListener;

/**
 * Not API. The seam through which a tracing bridge ({@code otel=on}) follows tasks: the runtime
 * tells it, on the spawner's thread, when a task is made (so it can keep the tracing context the
 * task's span will descend from, in a task-local slot of its own), and, as a {@link TaskListener}
 * on the task's own thread, when the task starts and ends. With tracing off the kernel holds no
 * bridge, so neither this class nor any bridge is loaded, and a new task costs one read of a null
 * field and nothing more: not a byte of the task's own.
 */
public abstract class TaskTracing implements TaskListener {
  /** For subclasses. */
  protected TaskTracing() {}

  /**
   * Called on the spawner's thread when a task is made, before it is admitted and handed to its
   * thread: the bridge may write the task's slots ({@link TaskLocalSlots#write}). Must not throw.
   */
  public abstract void taskMade(TaskContext task);

  /** The task whose failure killed {@code task} (the first to fail), or null. */
  protected static TaskContext killSource(TaskContext task) {
    return task.killSource();
  }

  /** The parent of {@code task}, or null for a root task. */
  protected static TaskContext parentOf(TaskContext task) {
    return task.parent;
  }

  /** Whether {@code task} was killed by a cancellation ({@code kill()} or shutdown). */
  protected static boolean wasCancelled(TaskContext task) {
    return task.wasCancelled();
  }

  /** Whether the kernel's shutdown has begun. */
  protected static boolean shuttingDown() {
    return KernelState.get().shutdownTrigger() != null;
  }
}
