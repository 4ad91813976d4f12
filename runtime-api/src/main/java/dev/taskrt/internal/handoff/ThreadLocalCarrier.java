package dev.taskrt.internal.handoff;

/**
 * Not API. Carries one named {@link ThreadLocal} ({@code threadLocals=}): the value is restored,
 * never removed, after the work.
 */
final class ThreadLocalCarrier implements ContextCarrier {
  private final ThreadLocal<Object> local;
  private final String name;

  ThreadLocalCarrier(ThreadLocal<Object> local, String name) {
    this.local = local;
    this.name = name;
  }

  @Override
  public String toString() {
    return "thread-local " + name;
  }

  @Override
  public Object capture() {
    return local.get();
  }

  @Override
  public Object install(Object captured) {
    Object previous = local.get();
    local.set(captured);
    return previous;
  }

  @Override
  public void restore(Object previous) {
    if (previous == null) {
      local.remove();
    } else {
      local.set(previous);
    }
  }
}
