package dev.taskrt.internal.pipe;

/**
 * Not API. {@code Pipes.stream(capacity)}: a bounded pipe whose chan one task holds at a time (the
 * maker, then whichever task sends on it); its end closes the pipe. See {@link PipeCore}.
 */
public final class StreamPipe<T> extends RingPipe<T> {
  private StreamPipe(int capacity) {
    super(capacity);
  }

  /** A new stream held by the calling task, if any. */
  public static <T> StreamPipe<T> make(int capacity) {
    StreamPipe<T> pipe = new StreamPipe<>(capacity);
    pipe.heldByMaker();
    return pipe;
  }

  @Override
  int senderSpins() {
    return Waiting.STREAM_SENDER_SPINS;
  }

  @Override
  boolean cachesSenderCell() {
    return true;
  }

  @Override
  String kind() {
    return "stream";
  }
}
