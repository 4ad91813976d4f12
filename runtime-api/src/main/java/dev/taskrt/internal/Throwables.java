package dev.taskrt.internal;

/** Not API. Rethrowing a failure as it is, checked or not, without wrapping it. */
public final class Throwables {
  private Throwables() {}

  /**
   * Throws {@code failure} unchanged; the caller writes {@code throw Throwables.sneaky(f)} so the
   * compiler sees the path end.
   */
  @SuppressWarnings("unchecked")
  public static <T extends Throwable> T sneaky(Throwable failure) throws T {
    throw (T) failure;
  }
}
