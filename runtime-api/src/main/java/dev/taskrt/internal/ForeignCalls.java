package dev.taskrt.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not API. {@code @Foreign(stackSize = ...)}: the call runs on a new thread with that stack while
 * the calling thread waits, as the classic runtime switched to a big C stack for foreign code. The
 * call's result, or the very exception object it threw, comes back to the caller.
 *
 * <h2>Design notes</h2>
 *
 * <p>One platform daemon thread per call (a native call that wants a big stack is rare and long
 * next to a thread start). The caller waits in {@link Thread#join()} without giving up on an
 * interrupt: the call cannot be abandoned halfway (its native code may be using the caller's data),
 * so an interrupt (a kill's, which waits anyway while the task is FOREIGN) is kept and restored
 * once the call returned. The thread's start and end order its writes of the outcome before the
 * caller's reads. The calling task is current on the call's thread while the call lasts (its stack
 * on loan: the task itself waits, so no field of it is touched by two threads at once; the thread's
 * start and the join order them), so an upcall from native code into Java ({@code @Boundary},
 * {@code Tasks.current()}) still finds its task.
 */
public final class ForeignCalls {
  private static final AtomicInteger NUMBER = new AtomicInteger();
  private static final ThreadGroup GROUP = new ThreadGroup("taskrt-foreign");

  private ForeignCalls() {}

  /** A thread that runs one foreign call on a stack of its own size. */
  static final class ForeignThread extends Thread {
    final long stackSize;
    private final Callable<?> call;
    private final TaskContext task;
    Object value;
    Throwable thrown;

    ForeignThread(Callable<?> call, TaskContext task, String name, long stackSize) {
      super(GROUP, null, name, stackSize);
      this.call = call;
      this.task = task;
      this.stackSize = stackSize;
      setDaemon(true);
    }

    @Override
    public void run() {
      TaskContext previous = task == null ? null : CurrentTask.bind(task);
      try {
        value = call.call();
      } catch (Throwable e) {
        thrown = e;
      } finally {
        if (task != null) {
          CurrentTask.restore(previous);
        }
      }
    }
  }

  /**
   * Runs {@code call} on a new thread with {@code stackSize} bytes of stack and waits for it.
   * Returns its value or throws what it threw, unchanged.
   */
  public static Object onOwnStack(Callable<?> call, long stackSize) throws Throwable {
    ForeignThread thread =
        new ForeignThread(
            call, CurrentTask.get(), "taskrt-foreign-" + NUMBER.incrementAndGet(), stackSize);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (thread.thrown != null) {
      throw thread.thrown;
    }
    return thread.value;
  }
}
