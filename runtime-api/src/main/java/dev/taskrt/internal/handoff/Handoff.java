package dev.taskrt.internal.handoff;

import dev.taskrt.SpawnMode;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import java.util.concurrent.Callable;

/**
 * Not API. Work handed from a task to a thread the application manages (an executor, a {@code
 * CompletableFuture} async stage, a new thread) runs as a child task of the task that handed it
 * over, with its inheritable task-locals and the registered context carriers (named thread-locals,
 * logging MDC).
 *
 * <h2>Design notes</h2>
 *
 * <p>At hand-off only the parent, its inheritable task-locals and the context are captured ({@link
 * Captured}): nothing is registered, so a rejected submission leaves no trace. When the work runs,
 * a child task is made on the running thread with the configured mode (SUPERVISED unless set
 * otherwise), the context is installed, the work runs, and afterwards the thread's previous context
 * and task binding are restored, so nothing is left on a pooled thread. If the parent's group is
 * failing by then, the work never runs. A failure of the work is the child's failure and is
 * rethrown to the executor, which handles it as it would without taskrt (a {@code FutureTask}
 * stores it, a bare pool thread reports it).
 *
 * <p>Every hand-off passes one guard, {@link #parentFor}: outside a task it costs one read of the
 * current task. Work already wrapped is never wrapped again, and taskrt's own work (the schedulers'
 * runnables, its task threads, a pool's worker) never, or every spawn would gain an extra child.
 * The settings are volatile and written once, when the agent starts.
 */
public final class Handoff {
  private static volatile SpawnMode mode = SpawnMode.SUPERVISED;
  private static volatile boolean enabled = true;

  /** Classes whose instances are taskrt's own work, never wrapped. */
  private static final ClassValue<Boolean> OWN_WORK =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          String name = type.getName();
          return name.startsWith("dev.taskrt.internal.")
              || name.equals("java.util.concurrent.ThreadPoolExecutor$Worker");
        }
      };

  private Handoff() {}

  /** Whether hand-offs make child tasks ({@code propagate=off} turns it off), and their mode. */
  public static void configure(boolean on, SpawnMode childMode) {
    enabled = on;
    mode = childMode;
  }

  /** The mode of the child tasks that run handed-off work. */
  static SpawnMode childMode() {
    return mode;
  }

  /** Wraps work handed off now; returns it unchanged when the hand-off is not propagated. */
  public static Runnable wrap(Runnable work) {
    TaskContext parent = parentFor(work);
    return parent == null ? work : handOff(parent, work);
  }

  /** Wraps a callable handed off now; see {@link #wrap(Runnable)}. */
  public static <T> Callable<T> wrap(Callable<T> work) {
    TaskContext parent = parentFor(work);
    return parent == null ? work : new HandedOffCallable<>(new Captured(parent), work);
  }

  /**
   * The guard of every hand-off: the task handing {@code work} off now, or null when the hand-off
   * is not propagated (turned off, no work, work already wrapped, outside a task, or taskrt's own
   * work).
   */
  static TaskContext parentFor(Object work) {
    if (!enabled || work == null || work instanceof HandedOff) {
      return null;
    }
    TaskContext parent = CurrentTask.get();
    if (parent == null || isOwnWork(work)) {
      return null;
    }
    return parent;
  }

  /** Whether {@code work} is taskrt's own (never wrapped). */
  static boolean isOwnWork(Object work) {
    return OWN_WORK.get(work.getClass());
  }

  /** Wraps work for {@code parent} with no guard: the caller passed {@link #parentFor}. */
  static Runnable handOff(TaskContext parent, Runnable work) {
    return new HandedOffRunnable(new Captured(parent), work);
  }

  /** Marker of wrapped work, so it is never wrapped twice. */
  interface HandedOff {}

  private static final class HandedOffRunnable implements Runnable, HandedOff {
    private final Captured captured;
    private final Runnable work;

    HandedOffRunnable(Captured captured, Runnable work) {
      this.captured = captured;
      this.work = work;
    }

    @Override
    public void run() {
      captured.runAsChild(
          () -> {
            work.run();
            return null;
          });
    }

    @Override
    public String toString() {
      return work.toString();
    }
  }

  private static final class HandedOffCallable<T> implements Callable<T>, HandedOff {
    private final Captured captured;
    private final Callable<T> work;

    HandedOffCallable(Captured captured, Callable<T> work) {
      this.captured = captured;
      this.work = work;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T call() {
      return (T) captured.runAsChild(work);
    }

    @Override
    public String toString() {
      return work.toString();
    }
  }
}
