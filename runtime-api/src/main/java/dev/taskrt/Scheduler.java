package dev.taskrt;

/**
 * Runs task bodies on threads. A task runs on one thread for its whole life, so a scheduler must
 * run each body it is given to completion on a single thread. Register one with {@code
 * Kernel.schedulers().register(name, scheduler)}; any {@link java.util.concurrent.Executor}'s
 * {@code execute} method fits.
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Runs the body on some thread, now or later.
   *
   * @throws java.util.concurrent.RejectedExecutionException if it cannot; the task then fails
   */
  void execute(Runnable body);
}
