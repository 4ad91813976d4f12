package dev.taskrt;

import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLauncher;
import dev.taskrt.internal.TaskScope;
import dev.taskrt.internal.TaskSpec;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The current task and new ones, as {@link java.util.concurrent.Executors} is to executors. Works
 * with or without the agent.
 */
public final class Tasks {
  private Tasks() {}

  /**
   * The running task.
   *
   * @throws IllegalStateException outside a task
   */
  public static TaskHandle<?> current() {
    return TaskScope.require("Tasks.current()");
  }

  /** Whether the calling thread runs a task. */
  public static boolean inTask() {
    return CurrentTask.get() != null;
  }

  /** Spawns a LINKED task on the default scheduler. */
  @SuppressWarnings("unchecked")
  public static <T> TaskHandle<T> spawn(Callable<T> body) {
    return (TaskHandle<T>) TaskLauncher.spawn(TaskSpec.named(null), body);
  }

  /**
   * Runs {@code body} as a synchronous child task on this thread and returns its result. Its
   * failure propagates as the original exception (checked ones included, undeclared), and does not
   * also kill the caller.
   */
  @SuppressWarnings("unchecked")
  public static <T> T run(String name, Callable<T> body) {
    return (T) TaskLauncher.run(TaskSpec.named(name), body);
  }

  /** A builder for a task with options. */
  public static TaskBuilder builder() {
    return new TaskBuilder();
  }

  /** A kill checkpoint: throws {@link TaskKilledError} if the current task has been killed. */
  public static void checkpoint() {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.checkpoint();
    }
  }

  /** A checkpoint, then lets other threads run. */
  public static void yieldNow() {
    checkpoint();
    Thread.yield();
  }

  /**
   * Sleeps; a checkpoint before and during (a kill wakes it).
   *
   * @throws TaskKilledError if the task is killed meanwhile
   */
  public static void sleep(Duration duration) {
    TaskScope.sleep(duration);
  }

  /** Runs {@code body} with kills held back until it ends; then a pending kill is delivered. */
  public static <T> T unkillable(Callable<T> body) {
    return TaskScope.unkillable(body);
  }

  /**
   * Runs {@code hook} when the enclosing instrumented frame (else the task) exits, any way.
   *
   * @throws IllegalStateException outside a task
   */
  public static void defer(AutoCloseable hook) {
    TaskScope.addHook("Tasks.defer", hook, false);
  }

  /**
   * Runs {@code hook} only if the enclosing instrumented frame (else the task) exits by failure.
   *
   * @throws IllegalStateException outside a task
   */
  public static void onUnwind(Runnable hook) {
    if (hook == null) {
      throw new NullPointerException("onUnwind hook");
    }
    TaskScope.addHook("Tasks.onUnwind", hook::run, true);
  }

  /** Whether the current task is unwinding (running hooks after a failure). */
  public static boolean failing() {
    TaskContext task = CurrentTask.get();
    return task != null && task.state() == TaskState.UNWINDING;
  }

  /** The task's environment value for {@code key}, then its parents', then the kernel's. */
  public static String env(String key) {
    return TaskScope.env(key);
  }
}
