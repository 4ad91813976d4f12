package dev.taskrt.internal.handoff;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not API. The context carriers every hand-off captures: SLF4J's MDC once its class initialises,
 * the static thread-locals named by {@code threadLocals=} once their classes initialise, and any
 * added directly.
 *
 * <h2>Design notes</h2>
 *
 * <p>The list is an array copied on write under this class's monitor and read through a volatile
 * field: a hand-off takes the array as it is and keeps it, so the contexts it captured and the
 * carriers that install them always pair up by index, however many carriers are added meanwhile. A
 * carrier that fails is reported once on stderr, and the work runs without that context.
 */
public final class ContextCarriers {
  private static final ContextCarrier[] NONE = new ContextCarrier[0];

  /** Copied on write; a hand-off keeps the array it captured with, so indexes always match. */
  private static volatile ContextCarrier[] carriers = NONE;

  /** Carriers whose failure was already reported: each is reported once. */
  private static final Set<ContextCarrier> REPORTED = ConcurrentHashMap.newKeySet();

  /** The named static thread-local fields, by binary class name ({@code threadLocals=}). */
  private static volatile Map<String, List<String>> threadLocalFields = Map.of();

  private ContextCarriers() {}

  /** Adds a context carrier (a named thread-local, the MDC). */
  public static synchronized void add(ContextCarrier carrier) {
    ContextCarrier[] old = carriers;
    ContextCarrier[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = carrier;
    carriers = grown;
  }

  /** The carriers now; the array is never changed afterwards. */
  static ContextCarrier[] current() {
    return carriers;
  }

  /** Reports a carrier's failure, once per carrier. */
  static void report(ContextCarrier carrier, Throwable e) {
    if (REPORTED.add(carrier)) {
      System.err.println(
          "taskrt: the context carrier "
              + carrier
              + " failed ("
              + e
              + "); work handed off from tasks runs without that context");
    }
  }

  /** Sets the static thread-local fields to carry, by binary class name ({@code threadLocals=}). */
  public static void configureThreadLocals(Map<String, List<String>> fieldsByClass) {
    threadLocalFields = Map.copyOf(fieldsByClass);
  }

  /**
   * A class named by {@code threadLocals=}, or SLF4J's MDC, finished its static initialiser:
   * registers its carriers. Reports a problem on stderr rather than throwing.
   */
  public static void classInitialised(Class<?> type) {
    try {
      if (type.getName().equals(MdcCarrier.MDC_CLASS)) {
        add(MdcCarrier.of(type));
      }
      List<String> fields = threadLocalFields.get(type.getName());
      if (fields != null) {
        for (String name : fields) {
          addThreadLocal(type, name);
        }
      }
    } catch (Throwable e) {
      System.err.println("taskrt: cannot carry the context of " + type.getName() + ": " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void addThreadLocal(Class<?> type, String name) throws Exception {
    Field field = type.getDeclaredField(name);
    if (!Modifier.isStatic(field.getModifiers())
        || !ThreadLocal.class.isAssignableFrom(field.getType())) {
      System.err.println(
          "taskrt: threadLocals names "
              + type.getName()
              + "["
              + name
              + "], which is not a static ThreadLocal field; it does not follow tasks");
      return;
    }
    field.setAccessible(true);
    ThreadLocal<Object> local = (ThreadLocal<Object>) field.get(null);
    if (local != null) {
      add(ContextCarrier.of(local, type.getName() + "[" + name + "]"));
    }
  }
}
