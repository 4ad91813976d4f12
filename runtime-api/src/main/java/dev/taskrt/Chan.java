package dev.taskrt;

/**
 * The sending end of a pipe.
 *
 * <p>A chan is held by a task, and closes when that task ends: cleanly if it ended DONE, broken
 * (receivers get a {@link PipeBrokenException} carrying the cause) if it ended FAILED or KILLED.
 * See {@link Pipes} for which task holds a chan.
 *
 * @param <T> the message type
 */
public interface Chan<T> {
  /**
   * Sends {@code message}; when the pipe is full, waits for space. The wait is a kill checkpoint,
   * and the task's state is BLOCKED while it lasts. It is not ended by a plain interrupt (the
   * interrupt status is kept); kill the task, or close the port, to end it.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws PipeClosedException if the pipe's port or this chan is closed
   * @throws TaskKilledError if the task is killed while waiting
   */
  void send(T message);

  /**
   * Closes this chan: receivers get the messages already sent, then the end. For a shared pipe, a
   * task that holds the chan lets go of its own part, and the pipe ends when no sender holds it; a
   * close from anyone else closes the pipe for every sender. Closing twice does nothing.
   */
  void close();
}
