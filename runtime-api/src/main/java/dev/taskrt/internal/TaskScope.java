package dev.taskrt.internal;

import dev.taskrt.TaskState;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Not API. What the {@link dev.taskrt.Tasks} facade does inside the current task. */
public final class TaskScope {
  private TaskScope() {}

  /** The current task, or an {@link IllegalStateException} naming the operation. */
  public static TaskContext require(String operation) {
    TaskContext task = CurrentTask.get();
    if (task == null) {
      throw new IllegalStateException(
          operation
              + " called outside a task; run the code in one (Tasks.run, Tasks.spawn, or an"
              + " @Task method under the agent)");
    }
    return task;
  }

  /**
   * Sleeps, waking early (and throwing the kill) if the task is killed. An interrupt that is not a
   * kill neither ends the sleep nor makes it spin: the flag is cleared while parking and set again
   * on the way out, as pipe waits and {@code join} do (a thread whose flag was set by the "catch
   * InterruptedException, re-interrupt" idiom otherwise returns from every park at once). Inside
   * {@link #unkillable} a kill does not end the sleep, even one whose wake-up came before the
   * section began: the sleep runs its time and the kill is delivered when the section ends. Outside
   * a task the sleep is the same, without kills.
   */
  public static void sleep(Duration duration) {
    TaskContext task = CurrentTask.get();
    long deadline = System.nanoTime() + duration.toNanos();
    if (task != null) {
      task.checkpoint();
    }
    TaskState before = task == null ? null : task.block("sleep", null);
    boolean interrupted = false;
    try {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          if (task != null && task.killRequested) {
            task.checkpoint(); // the kill's interrupt; returns only inside an unkillable section
          } else {
            interrupted = true;
          }
        } else if (task != null && task.killRequested) {
          task.checkpoint(); // returns only inside an unkillable section: then sleep on
        }
      }
    } finally {
      if (task != null) {
        task.unblock(before);
      }
    }
    if (task != null && task.killRequested) {
      Thread.interrupted(); // the kill's interrupt; the kill itself is thrown next
      task.checkpoint();
    } else if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the body with kills held back; a pending kill is delivered when it ends. */
  public static <T> T unkillable(Callable<T> body) {
    TaskContext task = CurrentTask.get();
    if (task == null) {
      return call(body);
    }
    task.enterShield();
    T value;
    try {
      value = call(body);
    } finally {
      task.exitShield();
    }
    task.checkpoint();
    return value;
  }

  /** Registers a hook in the innermost instrumented frame of the current task, else the task. */
  public static void addHook(String operation, AutoCloseable action, boolean onlyOnFailure) {
    if (action == null) {
      throw new NullPointerException(operation + " hook");
    }
    TaskContext task = require(operation);
    task.hooks = new Hook(action, onlyOnFailure, task.stack, task.hooks);
    task.topHookMark = task.stack;
  }

  /** The environment value: the task's, its ancestors', then the kernel configuration's. */
  public static String env(String key) {
    for (TaskContext t = CurrentTask.get(); t != null; t = t.parent) {
      if (t.env != null && t.env.containsKey(key)) {
        return t.env.get(key);
      }
    }
    return KernelState.get().config(key).orElse(null);
  }

  private static <T> T call(Callable<T> body) {
    try {
      return body.call();
    } catch (Exception e) {
      throw Throwables.<RuntimeException>sneaky(e);
    }
  }
}
