package dev.taskrt.internal.pipe;

import dev.taskrt.PipeClosedException;
import dev.taskrt.Port;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Not API. The algorithm behind {@code Select.any}: take a message from whichever of several ports
 * is ready, fairly, or wait for one.
 *
 * <h2>Design notes</h2>
 *
 * <p>Each try scans every port once, starting at a random index: when several ports are ready each
 * is chosen with probability at least 1/n, so none is starved, and no state is shared between
 * selecting threads. A port is ready when it has a message (taken by the same non-blocking step a
 * receive uses, so a message goes to exactly one receiver even when other threads receive from the
 * port directly) or has ended (the end is reported, not thrown). To wait, the thread joins every
 * port's receiver list, re-scans, and parks; a message or an end on any port wakes it (see {@link
 * WaitList} and {@link Waiting}).
 */
public final class Selection {
  /** What a select chose: a ready port's index, and its message or its end. */
  public static final class Choice {
    /** The index of the chosen port among the arguments. */
    public final int index;

    /** The message taken, or null if the port has ended. */
    public final Object message;

    /** The port's end, or null if a message was taken. */
    public final PipeClosedException end;

    Choice(int index, Object message, PipeClosedException end) {
      this.index = index;
      this.message = message;
      this.end = end;
    }
  }

  private Selection() {}

  /**
   * Selects from {@code ports}, waiting at most {@code timeoutNanos} (negative: no limit).
   *
   * @return the selection, or null on timeout
   */
  public static Choice any(long timeoutNanos, Port<?>... ports) {
    return select(timeoutNanos, ports);
  }

  /** Like {@link #any(long, Port[])} with the timeout as a duration (very long: no limit). */
  public static Choice any(java.time.Duration timeout, Port<?>... ports) {
    return select(Waiting.nanos(timeout), ports);
  }

  private static Choice select(long timeoutNanos, Port<?>... ports) {
    PipeCore<?>[] pipes = cores(ports);
    Choice ready = scan(pipes);
    if (ready != null || timeoutNanos == 0) {
      return ready;
    }
    WaitList[] lists = new WaitList[pipes.length];
    for (int i = 0; i < pipes.length; i++) {
      lists[i] = pipes[i].receivers();
    }
    return (Choice) Waiting.await(() -> scan(pipes), timeoutNanos, lists, null, "select");
  }

  private static PipeCore<?>[] cores(Port<?>[] ports) {
    if (ports == null || ports.length == 0) {
      throw new IllegalArgumentException("Select.any needs at least one port");
    }
    PipeCore<?>[] pipes = new PipeCore<?>[ports.length];
    for (int i = 0; i < ports.length; i++) {
      if (!(ports[i] instanceof PipeCore)) {
        throw new IllegalArgumentException(
            "Select.any: port " + i + " is " + ports[i] + ", not a port made by Pipes");
      }
      pipes[i] = (PipeCore<?>) ports[i];
    }
    return pipes;
  }

  private static Choice scan(PipeCore<?>[] pipes) {
    int n = pipes.length;
    int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
    for (int k = 0; k < n; k++) {
      int index = start + k < n ? start + k : start + k - n;
      Object message;
      try {
        message = pipes[index].takeOrEnd();
      } catch (PipeClosedException end) {
        return new Choice(index, null, end);
      }
      if (message != null) {
        return new Choice(index, message, null);
      }
    }
    return null;
  }
}
