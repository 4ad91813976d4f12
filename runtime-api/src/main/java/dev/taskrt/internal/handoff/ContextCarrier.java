package dev.taskrt.internal.handoff;

/**
 * Not API. Some per-thread context of the application (a named {@link ThreadLocal}, a logging MDC)
 * that must follow work handed from a task to another thread.
 */
public interface ContextCarrier {
  /** The context of the calling thread, taken at hand-off; may be null for "none". */
  Object capture();

  /** Installs a captured context on the calling thread; returns what it replaced. */
  Object install(Object captured);

  /** Puts back what {@link #install} replaced. */
  void restore(Object previous);

  /**
   * A carrier for one {@link ThreadLocal}: values are restored, never removed, after the work.
   *
   * @param name how messages name it ({@code org.acme.Ctx[REQUEST]})
   */
  static ContextCarrier of(ThreadLocal<Object> local, String name) {
    return new ThreadLocalCarrier(local, name);
  }
}
