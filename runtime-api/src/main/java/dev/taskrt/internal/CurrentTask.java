package dev.taskrt.internal;

/**
 * Not API. Which task the current thread is running.
 *
 * <p>Threads made by taskrt's own schedulers are {@link TaskThread}s and keep the current task in a
 * plain field (one load after an {@code instanceof}); any other thread, including the caller's
 * thread of a synchronous task and virtual threads, uses a {@link ThreadLocal}. Bindings are
 * restored, never removed, on the hot path: restoring the previous value is several times cheaper.
 */
public final class CurrentTask {
  private static final ThreadLocal<TaskContext> OTHER_THREADS = new ThreadLocal<>();

  private CurrentTask() {}

  /** The task the calling thread runs, or null. */
  public static TaskContext get() {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      return ((TaskThread) thread).current;
    }
    return OTHER_THREADS.get();
  }

  /** Makes {@code task} current on this thread; returns what was current, to restore later. */
  static TaskContext bind(TaskContext task) {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      TaskThread taskThread = (TaskThread) thread;
      TaskContext previous = taskThread.current;
      taskThread.current = task;
      return previous;
    }
    TaskContext previous = OTHER_THREADS.get();
    OTHER_THREADS.set(task);
    return previous;
  }

  /** Restores the binding {@link #bind} returned; removes the thread-local when it was empty. */
  static void restore(TaskContext previous) {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      ((TaskThread) thread).current = previous;
    } else if (previous == null) {
      OTHER_THREADS.remove();
    } else {
      OTHER_THREADS.set(previous);
    }
  }
}
