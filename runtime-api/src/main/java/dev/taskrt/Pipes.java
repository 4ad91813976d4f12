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
 *   <li>A {@link #stream} chan is held by the last task that sent on it (one sender at a time: a
 *       chan handed to another task moves to it with its first send). A {@link #shared} chan is
 *       held by every task that has sent on it. Until a task sends, the task that made a stream or
 *       oneshot holds it provisionally.
 *   <li>When a task that holds a chan ends, it lets go: DONE counts as a clean close, FAILED or
 *       KILLED breaks the pipe with what the task failed with. A task also lets go by calling
 *       {@link Chan#close()}. A maker that ends DONE before anyone sent has handed the chan on: the
 *       pipe stays open for the first task that sends (so "make a pipe, spawn its producer, return
 *       the port" works); a maker that fails first breaks the pipe.
 *   <li>A stream or oneshot ends when its holder lets go. A shared pipe ends when the last of its
 *       holders lets go, broken if any of them failed; it stays open until at least one task has
 *       sent on it.
 *   <li>Receivers first get every message sent before the end, then the end: {@link
 *       PipeClosedException}, or {@link PipeBrokenException} whose cause is the sender's failure.
 *   <li>Code outside any task holds nothing: its pipes end when {@code close()} is called.
 * </ul>
 *
 * <p>What a chan cannot know is a task that will send but has not yet: a chan given to a task that
 * ends before its first send does not end the pipe (a linked sender's failure still kills the
 * receiver, and {@link Port#recv(java.time.Duration)} bounds any wait). A shared pipe counts a
 * sender from its first send, so a sender that finishes before another has begun can end the pipe
 * early: have each sender send once (or the coordinator wait for them) before any may finish.
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
