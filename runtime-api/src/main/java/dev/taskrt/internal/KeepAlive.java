package dev.taskrt.internal;

/**
 * Not API. When no root task drives the shutdown (the agent is absent, attached later, or {@code
 * main=off}): keeps the JVM alive while strong tasks run, as a non-daemon thread would, and runs
 * the kernel's shutdown itself when the JVM is about to end by its own rules, so the shutdown is
 * labelled {@code LAST_THREAD_ENDED} and its events are committed before the JVM's shutdown hooks
 * start (the recording dumped on exit holds them).
 *
 * <h2>Design notes</h2>
 *
 * <p>One non-daemon thread, started with the kernel. Task threads are daemons (a pool thread's
 * daemon flag cannot change while it runs), so this thread stands in for them: it waits on the
 * kernel's strong count, then joins each other live non-daemon thread in turn (the application's
 * main thread first among them); when none is left and no strong task runs, the JVM would begin to
 * exit as this thread ends, so it runs the shutdown sequence first. Nothing polls: it blocks on the
 * kernel's monitor or in {@link Thread#join()}. The JVM's own {@code DestroyJavaVM} thread, which
 * waits for every other non-daemon thread, is not waited for. If shutdown has begun by another path
 * ({@code System.exit}, a signal, a root task's return: under the agent the main thread is joined,
 * and has begun it when it ends) the thread just ends.
 *
 * <p>An interrupt changes none of that. The thread belongs to taskrt, so an interrupt (from code
 * that interrupts every thread it finds, say) is not a request to stop keeping the JVM alive: it
 * cuts the current wait short, and the thread clears the flag and looks again. Left set, the flag
 * would make every later wait return at once, and the thread would spin while strong tasks run.
 */
final class KeepAlive extends Thread {
  /** How often a wait for strong tasks looks whether shutdown began by another path. */
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private static final Object LOCK = new Object();
  private static boolean started;

  private final KernelState kernel;

  private KeepAlive(KernelState kernel) {
    super("taskrt-keep-alive");
    this.kernel = kernel;
    setDaemon(false);
  }

  /** Starts the thread once. */
  static void start(KernelState kernel) {
    synchronized (LOCK) {
      if (started) {
        return;
      }
      started = true;
    }
    try {
      new KeepAlive(kernel).start();
    } catch (Throwable e) {
      System.err.println("taskrt: cannot start the keep-alive thread: " + e);
    }
  }

  @Override
  public void run() {
    while (kernel.shutdownTrigger() == null) {
      Thread.interrupted(); // an interrupt ends no wait here for good (see the design notes)
      if (!kernel.awaitStrongTasks(System.nanoTime() + RECHECK_NANOS, 0)) {
        continue; // strong tasks still run; look again whether shutdown began meanwhile
      }
      Thread other = anotherNonDaemonThread();
      if (other != null) {
        try {
          other.join();
        } catch (InterruptedException e) {
          // looked at again from the top, the flag cleared
        }
        continue;
      }
      ShutdownSequence.lastThreadEnded(); // waits for a strong task spawned meanwhile
      return;
    }
  }

  /** A live non-daemon thread other than this one and the JVM's DestroyJavaVM, or null. */
  private Thread anotherNonDaemonThread() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != this && t.isAlive() && !t.isDaemon() && !t.getName().equals("DestroyJavaVM")) {
        return t;
      }
    }
    return null;
  }
}
