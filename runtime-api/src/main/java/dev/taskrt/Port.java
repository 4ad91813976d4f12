package dev.taskrt;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/**
 * The receiving end of a pipe. Several threads may receive from one port; each message goes to
 * exactly one of them, and messages from one sender arrive in the order it sent them.
 *
 * <p>When the pipe ends, a port first gives every message already sent, then the end: the receive
 * methods throw {@link PipeClosedException} (or {@link PipeBrokenException}, carrying the cause, if
 * the sending task failed), and an iteration stops (or throws the {@link PipeBrokenException}).
 *
 * <p>Blocking receives are kill checkpoints and make the task BLOCKED while they wait. A plain
 * interrupt does not end them (the interrupt status is kept); use a timeout or kill the task.
 *
 * @param <T> the message type
 */
public interface Port<T> extends Iterable<T> {
  /**
   * Waits for the next message.
   *
   * @throws PipeClosedException if the pipe has ended and no message is left, or the port is closed
   * @throws PipeBrokenException if the sender failed and no message is left
   * @throws TaskKilledError if the task is killed while waiting
   */
  T recv();

  /**
   * Waits at most {@code timeout} for the next message.
   *
   * @return the message, or empty if none came in time
   * @throws PipeClosedException if the pipe has ended and no message is left, or the port is closed
   * @throws PipeBrokenException if the sender failed and no message is left
   * @throws TaskKilledError if the task is killed while waiting
   */
  Optional<T> recv(Duration timeout);

  /**
   * Takes the next message if one is there now.
   *
   * @return the message, or empty if there is none now (the pipe is still open)
   * @throws PipeClosedException if the pipe has ended and no message is left, or the port is closed
   * @throws PipeBrokenException if the sender failed and no message is left
   */
  Optional<T> tryRecv();

  /**
   * Closes the port: messages not yet received are dropped, later sends throw {@link
   * PipeClosedException}, senders waiting for space wake with it, and so do receivers waiting here.
   * Closing twice does nothing.
   */
  void close();

  /**
   * Messages until the pipe ends. {@code hasNext()} waits like {@link #recv()}; it returns false at
   * a clean end or once the port is closed, and throws {@link PipeBrokenException} if the sender
   * failed.
   */
  @Override
  Iterator<T> iterator();
}
