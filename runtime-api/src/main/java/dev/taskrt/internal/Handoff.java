package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

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
  private static final ContextCarrier[] NO_CARRIERS = new ContextCarrier[0];

  /** Copied on write; a hand-off keeps the array it captured with, so indexes always match. */
  private static volatile ContextCarrier[] carriers = NO_CARRIERS;

  /** Carriers whose failure was already reported: each is reported once. */
  private static final Set<ContextCarrier> REPORTED = ConcurrentHashMap.newKeySet();

  /** Stands for a context a carrier failed to capture, or for nothing installed to restore. */
  private static final Object NONE = new Object();

  private static volatile SpawnMode mode = SpawnMode.SUPERVISED;
  private static volatile boolean enabled = true;

  private Handoff() {}

  /** Whether hand-offs make child tasks ({@code propagate=off} turns it off). */
  public static void configure(boolean on, SpawnMode childMode) {
    enabled = on;
    mode = childMode;
  }

  /** Adds a context carrier (a named thread-local, the MDC). */
  public static synchronized void addCarrier(ContextCarrier carrier) {
    ContextCarrier[] old = carriers;
    ContextCarrier[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = carrier;
    carriers = grown;
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
    return new HandedOffRunnable(new Captured(parent), work);
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
    return new HandedOffCallable<>(new Captured(parent), work);
  }

  private static void report(ContextCarrier carrier, Throwable e) {
    if (REPORTED.add(carrier)) {
      System.err.println(
          "taskrt: the context carrier "
              + carrier
              + " failed ("
              + e
              + "); work handed off from tasks runs without that context");
    }
  }

  /** Marker of wrapped work, so it is never wrapped twice. */
  public interface HandedOff {}

  /**
   * What a hand-off takes from the parent's thread: the parent, its inheritable task-locals, and
   * each carrier's context. Made on the parent's thread, the only one that writes its locals.
   */
  private static final class Captured {
    final TaskContext parent;
    final Object[] locals;
    final ContextCarrier[] carriers;
    final Object[] contexts;

    Captured(TaskContext parent) {
      this.parent = parent;
      this.locals = TaskLocalSlots.inherit(parent.locals);
      ContextCarrier[] all = Handoff.carriers;
      this.carriers = all;
      if (all.length == 0) {
        this.contexts = null;
      } else {
        Object[] taken = new Object[all.length];
        for (int i = 0; i < all.length; i++) {
          try {
            taken[i] = all[i].capture();
          } catch (Throwable e) {
            taken[i] = NONE;
            report(all[i], e);
          }
        }
        this.contexts = taken;
      }
    }

    /** Runs {@code work} as a child task of the parent on this thread, the context installed. */
    Object runAsChild(Callable<?> work) {
      if (contexts == null) {
        return TaskLauncher.runHandedOff(parent, mode, locals, work);
      }
      Object[] previous = new Object[carriers.length];
      int installed = 0;
      try {
        for (; installed < carriers.length; installed++) {
          previous[installed] = install(carriers[installed], contexts[installed]);
        }
        return TaskLauncher.runHandedOff(parent, mode, locals, work);
      } finally {
        for (int i = installed - 1; i >= 0; i--) {
          if (previous[i] != NONE) {
            try {
              carriers[i].restore(previous[i]);
            } catch (Throwable e) {
              report(carriers[i], e);
            }
          }
        }
      }
    }

    /** Installs a context; a carrier that fails is reported and skipped, and the work runs. */
    private static Object install(ContextCarrier carrier, Object context) {
      if (context == NONE) {
        return NONE;
      }
      try {
        return carrier.install(context);
      } catch (Throwable e) {
        report(carrier, e);
        return NONE;
      }
    }
  }

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

  /** For tests and diagnostics: the hand-off settings. */
  public static Map<String, Object> describe() {
    return Map.of("enabled", enabled, "mode", mode, "carriers", carriers.length);
  }
}
