package dev.taskrt.internal;

import java.util.Arrays;

/**
 * Not API. Slot numbers for task-locals and which of them children inherit.
 *
 * <p>Each {@link dev.taskrt.TaskLocal} gets a slot index once, when made; a task keeps its values
 * in an array indexed by slot, so {@code get} is an array load with no hashing. The inheritable
 * flags are copied on write and read through a volatile field at spawn.
 */
public final class TaskLocalSlots {
  /** Stands for a value explicitly set to null, so null in the array can mean "unset". */
  public static final Object NULL = new Object();

  private static final Object LOCK = new Object();
  private static int next;
  private static volatile boolean[] inheritable = new boolean[8];

  private TaskLocalSlots() {}

  /** A new slot index. */
  public static int allocate(boolean inherit) {
    synchronized (LOCK) {
      int index = next++;
      boolean[] flags = inheritable;
      if (index >= flags.length) {
        flags = Arrays.copyOf(flags, flags.length * 2);
      }
      flags[index] = inherit;
      inheritable = flags;
      return index;
    }
  }

  /** The values a child inherits from {@code parent}'s slots now, or null if none. */
  public static Object[] inheritedFrom(TaskContext parent) {
    Object[] parentLocals = parent.locals;
    if (parentLocals == null) {
      return null;
    }
    boolean[] flags = inheritable;
    Object[] child = null;
    int n = Math.min(parentLocals.length, flags.length);
    for (int i = 0; i < n; i++) {
      if (flags[i] && parentLocals[i] != null) {
        if (child == null) {
          child = new Object[parentLocals.length];
        }
        child[i] = parentLocals[i];
      }
    }
    return child;
  }

  /** The raw slot value of the task (null = unset, {@link #NULL} = set to null). */
  public static Object read(TaskContext task, int index) {
    Object[] values = task.locals;
    return values != null && index < values.length ? values[index] : null;
  }

  /** Sets the raw slot value of the task; the owner thread only. */
  public static void write(TaskContext task, int index, Object raw) {
    Object[] values = task.locals;
    if (values == null || index >= values.length) {
      if (raw == null) {
        return;
      }
      values =
          values == null
              ? new Object[Math.max(8, index + 1)]
              : Arrays.copyOf(values, Math.max(values.length * 2, index + 1));
      task.locals = values;
    }
    values[index] = raw;
  }
}
