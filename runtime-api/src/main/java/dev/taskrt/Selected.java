package dev.taskrt;

/**
 * What {@link Select#any} chose: the index of a ready port, and the message taken from it or the
 * end it reached.
 */
public final class Selected {
  private final int index;
  private final Object value;
  private final PipeClosedException end;

  Selected(int index, Object value, PipeClosedException end) {
    this.index = index;
    this.value = value;
    this.end = end;
  }

  /** The position of the chosen port in the arguments of {@link Select#any}. */
  public int index() {
    return index;
  }

  /** Whether the chosen port has ended (it had no message left). */
  public boolean closed() {
    return end != null;
  }

  /**
   * The message taken from the chosen port.
   *
   * @throws PipeClosedException if the port has ended ({@link PipeBrokenException}, carrying the
   *     sender's failure, if it broke)
   */
  @SuppressWarnings("unchecked")
  public <T> T value() {
    if (end != null) {
      throw end;
    }
    return (T) value;
  }

  @Override
  public String toString() {
    return "Selected[" + index + (end != null ? ", ended: " + end.getMessage() : "") + "]";
  }
}
