package dev.taskrt.internal;

/**
 * Not API. Which task the current thread is running.
 *
 * <p>Threads made by taskrt's own schedulers are {@link TaskThread}s and keep the current task in a
 * plain field (one load after an {@code instanceof}); any other thread (the main thread, an
 * application's pool threads, the caller's thread of a synchronous task, virtual threads) is looked
 * up in {@link ThreadSlots}: a table indexed by thread id, with a {@code ThreadLocal} only as the
 * fallback for collisions and virtual threads. {@link #get} is small enough for C1 to inline (under
 * 35 bytes of bytecode; a unit test holds it there).
 */
public final class CurrentTask {
  private CurrentTask() {}

  /** The task the calling thread runs, or null. */
  public static TaskContext get() {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      return ((TaskThread) thread).current;
    }
    return ThreadSlots.get(thread);
  }

  /**
   * Kept for the agent's main-method rewrite: the main thread's binding now lives in {@link
   * ThreadSlots} like any other thread's, claimed when its root task is bound.
   */
  public static void useFastBinding() {}

  /** Makes {@code task} current on this thread; returns what was current, to restore later. */
  static TaskContext bind(TaskContext task) {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      TaskThread taskThread = (TaskThread) thread;
      TaskContext previous = taskThread.current;
      taskThread.current = task;
      return previous;
    }
    return ThreadSlots.bind(thread, task);
  }

  /**
   * Restores the binding {@link #bind} returned. Restoring nothing releases the thread's slot, so
   * the table keeps no reference to a thread that runs no task.
   */
  static void restore(TaskContext previous) {
    bind(previous);
  }
}
