package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Not API. Work handed from a task to a thread the application manages (an executor, a {@code
 * CompletableFuture} async stage, a new thread) runs as a child task of the task that handed it
 * over, with its inheritable task-locals and the registered context carriers (named thread-locals,
 * logging MDC).
 *
 * <p>At hand-off only the parent, its inheritable task-locals (as they are at that moment: the
 * parent may change them or end before the work runs) and the context are captured: nothing is
 * registered, so a rejected submission leaves no trace. When the work runs, a child task is made on
 * the running thread with the configured mode (SUPERVISED unless set otherwise), the context is
 * installed, the work runs, and afterwards the thread's previous context and task binding are
 * restored, so nothing is left on a pooled thread. If the parent's group is failing by then, the
 * work never runs. A failure of the work is the child's failure and is rethrown to the executor,
 * which handles it as it would without taskrt (a {@code FutureTask} stores it, a bare pool thread
 * reports it).
 */
public final class Handoff {
  private static final CopyOnWriteArrayList<ContextCarrier> CARRIERS = new CopyOnWriteArrayList<>();
  private static volatile SpawnMode mode = SpawnMode.SUPERVISED;
  private static volatile boolean enabled = true;

  private Handoff() {}

  /** Whether hand-offs make child tasks ({@code propagate=off} turns it off). */
  public static void configure(boolean on, SpawnMode childMode) {
    enabled = on;
    mode = childMode;
  }

  /** Adds a context carrier (a named thread-local, the MDC). */
  public static void addCarrier(ContextCarrier carrier) {
    CARRIERS.add(carrier);
  }

  /** Wraps work handed off now; returns it unchanged outside a task or when already wrapped. */
  public static Runnable wrap(Runnable work) {
    if (!enabled || work == null || work instanceof HandedOff) {
      return work;
    }
    TaskContext parent = CurrentTask.get();
    if (parent == null) {
      return work;
    }
    return new HandedOffRunnable(parent, capture(parent), work);
  }

  /** Wraps a callable handed off now; see {@link #wrap(Runnable)}. */
  public static <T> Callable<T> wrap(Callable<T> work) {
    if (!enabled || work == null || work instanceof HandedOff) {
      return work;
    }
    TaskContext parent = CurrentTask.get();
    if (parent == null) {
      return work;
    }
    return new HandedOffCallable<>(parent, capture(parent), work);
  }

  /**
   * The carriers' contexts, then (last) the parent's inheritable task-locals. Runs on the parent's
   * thread, the only one that writes its locals.
   */
  private static Object[] capture(TaskContext parent) {
    Object[] captured = new Object[CARRIERS.size() + 1];
    captured[captured.length - 1] = TaskLocalSlots.inherit(parent.locals);
    int i = 0;
    for (ContextCarrier carrier : CARRIERS) {
      if (i == captured.length - 1) {
        break;
      }
      captured[i++] = carrier.capture();
    }
    return captured;
  }

  /** Marker of wrapped work, so it is never wrapped twice. */
  interface HandedOff {}

  /** Runs {@code work} as a child task of {@code parent} on this thread. */
  static Object runAsChild(TaskContext parent, Object[] context, Callable<?> work)
      throws Exception {
    int carried = context.length - 1;
    Object[] previous = new Object[carried];
    int installed = 0;
    try {
      for (ContextCarrier carrier : CARRIERS) {
        if (installed == carried) {
          break;
        }
        previous[installed] = carrier.install(context[installed]);
        installed++;
      }
      Object[] locals = (Object[]) context[carried];
      return TaskLauncher.runHandedOff(
          parent,
          mode,
          () -> {
            TaskContext child = CurrentTask.get();
            if (child != null && child.parent == parent) {
              child.locals = locals;
            }
            return work.call();
          });
    } finally {
      int i = 0;
      for (ContextCarrier carrier : CARRIERS) {
        if (i == installed) {
          break;
        }
        carrier.restore(previous[i++]);
      }
    }
  }

  private static final class HandedOffRunnable implements Runnable, HandedOff {
    private final TaskContext parent;
    private final Object[] context;
    private final Runnable work;

    HandedOffRunnable(TaskContext parent, Object[] context, Runnable work) {
      this.parent = parent;
      this.context = context;
      this.work = work;
    }

    @Override
    public void run() {
      try {
        runAsChild(
            parent,
            context,
            () -> {
              work.run();
              return null;
            });
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw Unwinder.<RuntimeException>sneaky(e);
      }
    }

    @Override
    public String toString() {
      return work.toString();
    }
  }

  private static final class HandedOffCallable<T> implements Callable<T>, HandedOff {
    private final TaskContext parent;
    private final Object[] context;
    private final Callable<T> work;

    HandedOffCallable(TaskContext parent, Object[] context, Callable<T> work) {
      this.parent = parent;
      this.context = context;
      this.work = work;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T call() throws Exception {
      return (T) runAsChild(parent, context, work);
    }

    @Override
    public String toString() {
      return work.toString();
    }
  }

  /** For tests and diagnostics: the hand-off settings. */
  public static Map<String, Object> describe() {
    return Map.of("enabled", enabled, "mode", mode, "carriers", CARRIERS.size());
  }
}
