package dev.taskrt.samples.legacy;

/**
 * Where the order service keeps the id of the request being served, the way much existing code does
 * (and logging MDCs do): a static {@code ThreadLocal} set by the request's thread.
 */
public final class RequestContext {
  /** The current request's id, or null. */
  public static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

  private RequestContext() {}

  /** The id, or {@code -} when this thread has none. */
  static String requestId() {
    String id = REQUEST_ID.get();
    return id == null ? "-" : id;
  }
}
