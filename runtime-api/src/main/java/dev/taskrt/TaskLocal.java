package dev.taskrt;

import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLocalSlots;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A per-task value. {@link #of} values belong to one task; {@link #inheritable} values are copied
 * into children when they are spawned. Both are gone when the task ends, so nothing leaks into a
 * pooled thread's next task. Outside any task, {@link #get()} gives the initial value and {@link
 * #set} throws.
 *
 * <p>{@code get} finds the task's slot by a fixed index: no hashing, no allocation.
 *
 * @param <T> the value's type
 */
public final class TaskLocal<T> {
  private final String name;
  private final int slot;
  private final boolean inheritable;
  private final Supplier<? extends T> initial;

  private TaskLocal(String name, boolean inheritable, Supplier<? extends T> initial) {
    this.name = java.util.Objects.requireNonNull(name, "name");
    this.inheritable = inheritable;
    this.initial = initial;
    this.slot = TaskLocalSlots.allocate(inheritable);
  }

  /** A task-local that children do not inherit. */
  public static <T> TaskLocal<T> of(String name) {
    return new TaskLocal<>(name, false, null);
  }

  /** A task-local whose value is copied into children at spawn. */
  public static <T> TaskLocal<T> inheritable(String name) {
    return new TaskLocal<>(name, true, null);
  }

  /** A new task-local like this one whose unset value comes from {@code supplier}. */
  public TaskLocal<T> withInitial(Supplier<? extends T> supplier) {
    return new TaskLocal<>(name, inheritable, java.util.Objects.requireNonNull(supplier));
  }

  /** The local's name. */
  public String name() {
    return name;
  }

  /** Whether children inherit the value. */
  public boolean isInheritable() {
    return inheritable;
  }

  /** The current task's value, or the initial value (null unless {@link #withInitial}). */
  @SuppressWarnings("unchecked")
  public T get() {
    TaskContext task = CurrentTask.get();
    if (task == null) {
      return initial == null ? null : initial.get();
    }
    Object raw = TaskLocalSlots.read(task, slot);
    if (raw == null) {
      if (initial == null) {
        return null;
      }
      T value = initial.get();
      TaskLocalSlots.write(task, slot, value == null ? TaskLocalSlots.NULL : value);
      return value;
    }
    return raw == TaskLocalSlots.NULL ? null : (T) raw;
  }

  /**
   * Sets the current task's value.
   *
   * @throws IllegalStateException outside a task
   */
  public void set(T value) {
    TaskLocalSlots.write(owner("set"), slot, value == null ? TaskLocalSlots.NULL : value);
  }

  /** Removes the current task's value; the next {@code get} gives the initial value. */
  public void remove() {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      TaskLocalSlots.write(task, slot, null);
    }
  }

  /**
   * Binds {@code value} while {@code body} runs, then restores the previous binding (set or not).
   * The body's exception propagates unchanged.
   *
   * @throws IllegalStateException outside a task
   */
  public <R> R with(T value, Callable<R> body) {
    TaskContext task = owner("with");
    Object previous = TaskLocalSlots.read(task, slot);
    TaskLocalSlots.write(task, slot, value == null ? TaskLocalSlots.NULL : value);
    try {
      return body.call();
    } catch (Exception e) {
      throw Sneaky.<RuntimeException>rethrow(e);
    } finally {
      TaskLocalSlots.write(task, slot, previous);
    }
  }

  private TaskContext owner(String operation) {
    TaskContext task = CurrentTask.get();
    if (task == null) {
      throw new IllegalStateException(
          "TaskLocal '"
              + name
              + "'."
              + operation
              + "() called outside a task; task-locals hold values for a running task only"
              + " (start one with Tasks.run or Tasks.spawn)");
    }
    return task;
  }

  @Override
  public String toString() {
    return "TaskLocal[" + name + (inheritable ? ", inheritable]" : "]");
  }

  /** Rethrows a checked exception without wrapping it. */
  static final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable t) throws E {
      throw (E) t;
    }
  }
}
