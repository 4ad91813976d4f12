package dev.taskrt.internal.handoff;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * Not API. Carries SLF4J's MDC, reached through method handles on the application's copy of {@code
 * org.slf4j.MDC} (taskrt never links against SLF4J). A broken MDC adapter leaves the MDC as it is.
 */
final class MdcCarrier implements ContextCarrier {
  /** The binary name of the class whose initialisation registers this carrier. */
  static final String MDC_CLASS = "org.slf4j.MDC";

  private final MethodHandle copy;
  private final MethodHandle set;
  private final MethodHandle clear;

  private MdcCarrier(MethodHandle copy, MethodHandle set, MethodHandle clear) {
    this.copy = copy;
    this.set = set;
    this.clear = clear;
  }

  @Override
  public String toString() {
    return "SLF4J's MDC";
  }

  static MdcCarrier of(Class<?> mdc) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    return new MdcCarrier(
        lookup.findStatic(mdc, "getCopyOfContextMap", MethodType.methodType(Map.class)),
        lookup.findStatic(mdc, "setContextMap", MethodType.methodType(void.class, Map.class)),
        lookup.findStatic(mdc, "clear", MethodType.methodType(void.class)));
  }

  @Override
  public Object capture() {
    try {
      return (Map<?, ?>) copy.invoke();
    } catch (Throwable e) {
      return null;
    }
  }

  @Override
  public Object install(Object captured) {
    Object previous = capture();
    put(captured);
    return previous;
  }

  @Override
  public void restore(Object previous) {
    put(previous);
  }

  private void put(Object map) {
    try {
      if (map == null) {
        clear.invoke();
      } else {
        set.invoke((Map<?, ?>) map);
      }
    } catch (Throwable e) {
      // a broken MDC adapter leaves the MDC as it is
    }
  }
}
