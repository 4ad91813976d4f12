package dev.taskrt;

/**
 * Runs task bodies on threads. A task runs on one thread for its whole life, so a scheduler must
 * run each body it is given to completion on a single thread. Register one with {@code
 * Kernel.schedulers().register(name, scheduler)}; any {@link java.util.concurrent.Executor}'s
 * {@code execute} method fits.
 *
 * <p>The kernel counts the tasks each scheduler runs ({@link SchedulerRegistry#liveTasks}) and, at
 * the end of its shutdown (after weak tasks were killed), calls {@link #close()} on every scheduler
 * so that threads they made end with it.
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Runs the body on some thread, now or later.
   *
   * @throws java.util.concurrent.RejectedExecutionException if it cannot; the task then fails
   */
  void execute(Runnable body);

  /**
   * Called once by the kernel at the end of its shutdown, after weak tasks were killed and given
   * their time: end the threads this scheduler made (for an executor, {@code shutdown()}). Tasks
   * still running then were abandoned. The default does nothing; a failure here is reported on
   * stderr and does not stop the shutdown.
   */
  default void close() {}
}
