package dev.taskrt.internal.handoff;

import dev.taskrt.internal.TaskContext;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not API. A platform thread started from a task runs its {@code run()} as a child task of it.
 *
 * <h2>Design notes</h2>
 *
 * <p>The starting thread enters the thread in {@link #STARTING} at the top of {@code Thread.start};
 * the started thread takes itself out at the top of {@code Thread.run()}, which then runs the
 * original {@code run()} as a child task (the second entry into {@code Thread.run()} finds nothing
 * and runs the body). The map's own ordering publishes the captured context from one thread to the
 * other. A thread that overrides {@code run()} is not covered: its {@code run()} never reaches
 * {@code Thread.run}. Nothing here blocks; outside a task {@link #starting} returns after the
 * hand-off guard's one read of the current task, and {@link #running} after one {@code isEmpty}.
 */
public final class ThreadStarts {
  private static final ConcurrentHashMap<Thread, Runnable> STARTING = new ConcurrentHashMap<>();

  /** Thread classes whose {@code run()} is {@code Thread.run()}: only these are covered. */
  private static final ClassValue<Boolean> PLAIN_RUN =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("run").getDeclaringClass() == Thread.class;
          } catch (NoSuchMethodException | RuntimeException e) {
            return false;
          }
        }
      };

  private ThreadStarts() {}

  /**
   * {@code thread} is being started with {@code target}: when started from a task, and neither the
   * thread nor its target is taskrt's own, its run becomes a child task of that task.
   */
  public static void starting(Thread thread, Runnable target) {
    TaskContext parent = Handoff.parentFor(thread); // taskrt's own threads are its own work
    if (parent == null
        || thread.getState() != Thread.State.NEW
        || (target != null && Handoff.isOwnWork(target))
        || !PLAIN_RUN.get(thread.getClass())) {
      return;
    }
    STARTING.putIfAbsent(thread, Handoff.handOff(parent, new ThreadRun(thread)));
  }

  /**
   * {@code Thread.run()} began on {@code thread}: true when this call ran the thread's work as a
   * child task (the caller then returns at once).
   */
  public static boolean running(Thread thread) {
    if (STARTING.isEmpty() || thread != Thread.currentThread()) {
      return false;
    }
    Runnable run = STARTING.remove(thread);
    if (run == null) {
      return false;
    }
    run.run();
    return true;
  }

  /** Runs {@code Thread.run()} itself; the second entry finds nothing in {@link #STARTING}. */
  private static final class ThreadRun implements Runnable {
    private final Thread thread;

    ThreadRun(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void run() {
      thread.run();
    }
  }
}
