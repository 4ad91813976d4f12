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

  /**
   * One thread that is not a {@link TaskThread} but runs tasks all the time (the application's main
   * thread, whose main method is the root task) keeps its current task in a static field. Only that
   * thread reads or writes {@link #fastCurrent}; other threads only compare identities with {@link
   * #fastThread}, so a stale read there is harmless.
   */
  private static Thread fastThread;

  private static TaskContext fastCurrent;

  private CurrentTask() {}

  /** The task the calling thread runs, or null. */
  public static TaskContext get() {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      return ((TaskThread) thread).current;
    }
    if (thread == fastThread) {
      return fastCurrent;
    }
    return OTHER_THREADS.get();
  }

  /**
   * Gives the calling thread the field-backed binding (the agent does this for the main thread
   * before main runs as the root task). Only the first caller gets it, and only while it runs no
   * task, so no binding is lost.
   */
  public static synchronized void useFastBinding() {
    Thread thread = Thread.currentThread();
    if (fastThread == null && !(thread instanceof TaskThread) && OTHER_THREADS.get() == null) {
      fastThread = thread;
    }
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
    if (thread == fastThread) {
      TaskContext previous = fastCurrent;
      fastCurrent = task;
      return previous;
    }
    TaskContext previous = OTHER_THREADS.get();
    OTHER_THREADS.set(task);
    return previous;
  }

  /**
   * Restores the binding {@link #bind} returned. An empty binding is restored as null rather than
   * removed: several times cheaper, and a null entry holds no task.
   */
  static void restore(TaskContext previous) {
    Thread thread = Thread.currentThread();
    if (thread instanceof TaskThread) {
      ((TaskThread) thread).current = previous;
    } else if (thread == fastThread) {
      fastCurrent = previous;
    } else {
      OTHER_THREADS.set(previous);
    }
  }
}
