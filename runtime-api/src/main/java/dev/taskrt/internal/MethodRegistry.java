package dev.taskrt.internal;

import dev.taskrt.internal.jfr.Events;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Not API. The methods the agent rewrote, by a constant id that the rewritten code carries.
 *
 * <p>Ids are assigned at transform time and never reused; reads on the call path are one volatile
 * array load, writes (rare, at class load) copy the array under a lock.
 */
public final class MethodRegistry {
  private static final Object LOCK = new Object();
  private static volatile MethodInfo[] methods = new MethodInfo[64];
  private static volatile TaskSpec[] specs = new TaskSpec[64];
  private static int count = 1; // 0 means "unknown"

  static {
    Events.nameMethodsWith(new Names()); // a class, not a lambda: no bootstrap at start-up
  }

  private MethodRegistry() {}

  /** Registers a method and returns its id. */
  public static int register(MethodInfo info) {
    synchronized (LOCK) {
      MethodInfo[] current = methods;
      TaskSpec[] currentSpecs = specs;
      if (count == current.length) {
        current = Arrays.copyOf(current, current.length * 2);
        currentSpecs = Arrays.copyOf(currentSpecs, currentSpecs.length * 2);
      }
      int id = count++;
      current[id] = info;
      currentSpecs[id] = TaskSpec.of(info);
      specs = currentSpecs;
      methods = current;
      return id;
    }
  }

  /** The method with that id, or null. */
  public static MethodInfo get(int id) {
    MethodInfo[] current = methods;
    return id > 0 && id < current.length ? current[id] : null;
  }

  /**
   * The task options of a rewritten {@code @Task}/{@code @Spawn} method, made once at registration.
   *
   * @throws IllegalStateException for an unknown id
   */
  public static TaskSpec spec(int id) {
    TaskSpec[] current = specs;
    TaskSpec spec = id > 0 && id < current.length ? current[id] : null;
    if (spec == null) {
      throw new IllegalStateException("taskrt: unknown method id " + id);
    }
    return spec;
  }

  /** {@code Class.method} for messages and events; {@code ?} for an unknown id. */
  public static String describe(int id) {
    MethodInfo info = get(id);
    return info == null ? "?" : info.displayName();
  }

  /** Names methods for events, which cannot depend on this registry. */
  private static final class Names implements IntFunction<String> {
    @Override
    public String apply(int methodId) {
      return describe(methodId);
    }
  }
}
