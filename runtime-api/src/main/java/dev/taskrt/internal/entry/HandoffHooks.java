package dev.taskrt.internal.entry;

import dev.taskrt.internal.handoff.ContextCarriers;
import dev.taskrt.internal.handoff.Handoff;
import dev.taskrt.internal.handoff.ThreadStarts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Not API. The entry points that the agent's rewrite of JDK classes ({@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, {@code Thread}, {@code VirtualThread})
 * and of named application classes calls, for {@code propagate} (DESIGN §1, "Legacy runtime"). Each
 * is one call into {@link dev.taskrt.internal.handoff}, which holds the hand-off itself.
 *
 * <p>Design notes: every method here runs inside a JDK method on any thread, so none may throw and
 * none may take a lock. Outside a task each returns at once, after one read of the current task
 * ({@link Handoff}'s guard).
 */
public final class HandoffHooks {
  private HandoffHooks() {}

  /** The named static thread-local fields, by binary class name ({@code threadLocals=}). */
  public static void configureThreadLocals(Map<String, List<String>> fieldsByClass) {
    ContextCarriers.configureThreadLocals(fieldsByClass);
  }

  /** Work handed to an executor: wrapped when handed from a task, unless it is taskrt's own. */
  public static Runnable handOff(Runnable work) {
    try {
      return Handoff.wrap(work);
    } catch (Throwable e) {
      return work;
    }
  }

  /** A callable handed to an executor; see {@link #handOff(Runnable)}. */
  public static <T> Callable<T> handOff(Callable<T> work) {
    try {
      return Handoff.wrap(work);
    } catch (Throwable e) {
      return work;
    }
  }

  /**
   * Called at the top of {@code Thread.start} with the thread's target: when started from a task,
   * the thread's run becomes a child task of it.
   */
  public static void threadStarting(Thread thread, Runnable target) {
    try {
      ThreadStarts.starting(thread, target);
    } catch (Throwable e) {
      // the thread starts as it would without taskrt
    }
  }

  /**
   * Called at the top of {@code Thread.run()}: true when this call ran the thread's work as a child
   * task (the caller then returns at once).
   */
  public static boolean threadRunning(Thread thread) {
    return ThreadStarts.running(thread);
  }

  /**
   * Called at the end of the static initialiser of a class named by {@code threadLocals=}, and of
   * SLF4J's {@code org.slf4j.MDC}: registers their context carriers. Never throws.
   */
  public static void classInitialised(Class<?> type) {
    ContextCarriers.classInitialised(type);
  }
}
