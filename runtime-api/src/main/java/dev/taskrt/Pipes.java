package dev.taskrt;

import dev.taskrt.internal.pipe.OneshotPipe;
import dev.taskrt.internal.pipe.SharedPipe;
import dev.taskrt.internal.pipe.StreamPipe;

/**
 * Makes pipes, the way tasks talk: a {@link Chan} to send on, a {@link Port} to receive from.
 *
 * <h2>Who holds a chan, and what its end does</h2>
 *
 * <ul>
 *   <li>A {@link #stream} or {@link #oneshot} chan is held by one task at a time: the task that
 *       made the pipe, until another task sends on it; then that task holds it (the chan was handed
 *       over). A {@link #shared} chan is held by every task that has sent on it.
 *   <li>When a task that holds a chan ends, it lets go: DONE counts as a clean close, FAILED or
 *       KILLED breaks the pipe with what the task failed with. A task also lets go by calling
 *       {@link Chan#close()}.
 *   <li>A stream or oneshot ends when its holder lets go. A shared pipe ends when the last of its
 *       holders lets go, broken if any of them failed; it stays open until at least one task has
 *       sent on it.
 *   <li>Receivers first get every message sent before the end, then the end: {@link
 *       PipeClosedException}, or {@link PipeBrokenException} whose cause is the sender's failure.
 *   <li>Code outside any task holds nothing: its pipes end when {@code close()} is called.
 * </ul>
 *
 * <p>A chan handed to another task is still held by the one that made it until the other task first
 * sends. So a receiver that made a pipe and gave its chan away should not rely on the sender's end
 * to wake it before that sender has sent once; a linked sender's failure still kills the receiver,
 * and {@link Port#recv(java.time.Duration)} bounds the wait. A shared pipe counts a sender from its
 * first send, so a sender that finishes before another has begun can end the pipe early: have each
 * sender send once (or the coordinator wait for them) before any may finish.
 *
 * <p>Messages are never null. Every message in flight is counted by the kernel and reported in the
 * {@code taskrt.KernelStats} event; a wait longer than its threshold records {@code
 * taskrt.PipeBlocked}.
 */
public final class Pipes {
  private Pipes() {}

  /** A pipe that carries exactly one message; a second send throws {@link PipeClosedException}. */
  public static <T> Pipe<T> oneshot() {
    return OneshotPipe.make();
  }

  /**
   * A pipe with one sender at a time and room for {@code capacity} messages; a send waits while it
   * is full.
   *
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public static <T> Pipe<T> stream(int capacity) {
    return StreamPipe.make(capacity);
  }

  /**
   * A pipe for many senders, with room for {@code capacity} messages; a send waits while it is
   * full. Messages from one sender arrive in the order it sent them.
   *
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public static <T> Pipe<T> shared(int capacity) {
    return SharedPipe.make(capacity);
  }
}
