package dev.taskrt;

/**
 * A pipe: a {@link Chan} to send on and a {@link Port} to receive from. Made by {@link Pipes}.
 *
 * @param <T> the message type
 */
public interface Pipe<T> {
  /** The sending end (the same object on every call). */
  Chan<T> chan();

  /** The receiving end (the same object on every call). */
  Port<T> port();
}
