package dev.taskrt.bench.runtime;

import dev.taskrt.Kernel;
import dev.taskrt.Scheduler;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JMH's benchmark threads on threads of taskrt's {@code default} scheduler, so a benchmark
 * measures what a spawned task sees: the current task in a field of the thread rather than in a
 * {@link ThreadLocal}. Selected in the forked JVM with
 *
 * <pre>
 * -jvmArgsAppend "-Djmh.executor=CUSTOM -Djmh.executor.class=dev.taskrt.bench.runtime.TaskThreadExecutor"
 * </pre>
 *
 * <p>Design notes: JMH submits one job per benchmark thread and iteration, then at the end shuts
 * the executor down and waits for it. {@link #running} counts jobs handed to the scheduler and not
 * yet finished; the last one to finish wakes {@link #awaitTermination} through the monitor of
 * {@link #lock}. The scheduler's threads are daemons and stay pooled after shutdown.
 */
public final class TaskThreadExecutor extends AbstractExecutorService {
  private final Scheduler scheduler = Kernel.schedulers().get("default");
  private final AtomicInteger running = new AtomicInteger();
  private final Object lock = new Object();
  private volatile boolean shutdown;

  /**
   * The constructor JMH calls for a custom executor.
   *
   * @param maxThreads how many benchmark threads JMH will run (the pool grows as needed)
   * @param prefix JMH's thread name prefix (the scheduler names its own threads)
   */
  public TaskThreadExecutor(int maxThreads, String prefix) {}

  @Override
  public void execute(Runnable command) {
    if (shutdown) {
      throw new RejectedExecutionException("executor is shut down");
    }
    running.incrementAndGet();
    scheduler.execute(
        () -> {
          try {
            command.run();
          } finally {
            if (running.decrementAndGet() == 0) {
              synchronized (lock) {
                lock.notifyAll();
              }
            }
          }
        });
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && running.get() == 0;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!isTerminated()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }
}
