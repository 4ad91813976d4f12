package dev.taskrt.internal;

import dev.taskrt.Scheduler;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.internal.jfr.Events;
import dev.taskrt.internal.jfr.LiveTaskEvents;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * Not API. Makes tasks and runs them: {@link #spawn} on a scheduler, {@link #run} synchronously on
 * the caller's thread (or on a thread of its own when a stack size is asked for).
 *
 * <p>A task's life on its thread, in order: bind to the thread, TaskStart, listeners' onStart, the
 * body, the outcome decided ({@link TaskContext#finishBody}), TaskFailure, the task's remaining
 * hooks (last first), linked relatives killed, TaskEnd, listeners' onEnd, the outcome published to
 * joiners, unbind.
 */
public final class TaskLauncher {
  private TaskLauncher() {}

  /** Starts a task on a scheduler; returns its handle at once. */
  public static TaskContext spawn(TaskSpec spec, Callable<?> body) {
    KernelState kernel = KernelState.get();
    RuntimeSettings settings = kernel.settings();
    String schedulerName =
        spec.scheduler() != null ? spec.scheduler() : settings.defaultScheduler();
    Scheduler scheduler;
    if (spec.stackSize() > 0) {
      schedulerName = "platform";
      long stackSize = spec.stackSize();
      scheduler = b -> Schedulers.newThread(b, "taskrt-stack-", stackSize).start();
    } else {
      scheduler = kernel.schedulers().get(schedulerName); // throws a clear error before any state
    }
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, settings, spec, parent, false, schedulerName);
    if (!admit(kernel, task, parent)) {
      return task;
    }
    try {
      scheduler.execute(() -> runOnThread(kernel, task, body));
    } catch (RejectedExecutionException | IllegalStateException e) {
      // The scheduler refused: the task fails without running, on the spawner's thread.
      endUnstarted(kernel, task, e);
    } catch (Throwable e) {
      // Anything else (no native thread left, a scheduler's own bug) ends the task the same way,
      // so that nothing waits for it, and reaches the spawner as it was thrown.
      endUnstarted(kernel, task, e);
      throw e;
    }
    return task;
  }

  /** Runs a task synchronously; its failure is rethrown as the original exception. */
  public static Object run(TaskSpec spec, Callable<?> body) {
    KernelState kernel = KernelState.get();
    RuntimeSettings settings = kernel.settings();
    if (spec.stackSize() > 0) {
      return runOnOwnThread(kernel, settings, spec, body);
    }
    TaskContext task = admitHere(kernel, spec, CurrentTask.get());
    return runHere(kernel, task, body);
  }

  /**
   * Makes a synchronous task that runs on this thread and admits it; throws the kill if it is
   * refused.
   */
  private static TaskContext admitHere(KernelState kernel, TaskSpec spec, TaskContext parent) {
    TaskContext task = newTask(kernel, kernel.settings(), spec, parent, true, "caller");
    attachAndAdmit(kernel, task, parent);
    return task;
  }

  /** Binds a task made on the thread that runs it and admits it; throws the kill if refused. */
  private static void attachAndAdmit(KernelState kernel, TaskContext task, TaskContext parent) {
    task.attachAtCreation();
    if (!admit(kernel, task, parent)) {
      throw (TaskKilledError) task.failure();
    }
  }

  /** Runs an admitted task on this thread to its end; returns its value or rethrows its failure. */
  private static Object runHere(KernelState kernel, TaskContext task, Callable<?> body) {
    TaskContext previous = CurrentTask.bind(task);
    try {
      runToEnd(kernel, task, body);
    } finally {
      CurrentTask.restore(previous);
    }
    return resultOrRethrow(task);
  }

  /** Starts a synchronous task the agent's rewritten code runs inline; see {@link #endInline}. */
  public static TaskContext beginInline(TaskSpec spec) {
    KernelState kernel = KernelState.get();
    TaskContext task = admitHere(kernel, spec, CurrentTask.get());
    task.previousBinding = CurrentTask.bind(task);
    begin(kernel, task);
    return task;
  }

  /**
   * Ends an inline task. Returns normally if it is DONE; otherwise throws its failure (the body's
   * own exception, or the kill).
   */
  public static void endInline(TaskContext task, Throwable bodyFailure) {
    KernelState kernel = KernelState.get();
    try {
      end(kernel, task, null, bodyFailure);
    } finally {
      CurrentTask.restore(task.previousBinding);
      task.previousBinding = null;
    }
    if (task.outcome() != TaskState.DONE) {
      throw Throwables.<RuntimeException>sneaky(task.failure());
    }
  }

  /**
   * Runs work handed off by {@code parent} as its child on this thread (see {@link Handoff}). The
   * child is asynchronous to its parent: its failure travels by {@code mode}, and is rethrown here
   * to the executor as the original exception.
   */
  static Object runHandedOff(
      TaskContext parent, SpawnMode mode, Object[] inheritedLocals, Callable<?> work) {
    KernelState kernel = KernelState.get();
    // Work on a daemon thread never holds up the JVM's exit without taskrt; as a child task it is
    // weak, so the kernel's exit does not wait for it either (a background loop would hang it).
    boolean weak = parent.weak || Thread.currentThread().isDaemon();
    RuntimeSettings settings = kernel.settings();
    TaskContext task =
        new TaskContext(
            kernel.nextId(),
            parent.handoffChildName(),
            parent,
            mode,
            weak,
            false,
            "handoff",
            null,
            settings.stackLimit(),
            settings.stackSegment());
    // As they were when the work was handed off; a copy, since work that runs again (a periodic
    // scheduled task) must not see what an earlier run set.
    task.locals = inheritedLocals == null ? null : inheritedLocals.clone();
    task.failureGoesToCaller = true;
    attachAndAdmit(kernel, task, parent);
    return runHere(kernel, task, work);
  }

  private static Object runOnOwnThread(
      KernelState kernel, RuntimeSettings settings, TaskSpec spec, Callable<?> body) {
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, settings, spec, parent, true, "platform");
    if (!admit(kernel, task, parent)) {
      throw (TaskKilledError) task.failure();
    }
    TaskThread thread =
        Schedulers.newThread(
            () -> runOnThread(kernel, task, body), "taskrt-stack-", spec.stackSize());
    try {
      thread.start();
    } catch (Throwable e) {
      endUnstarted(kernel, task, e);
      throw e;
    }
    try {
      task.join();
    } catch (RuntimeException ignored) {
      // the outcome is read below, with the original failure
    }
    return resultOrRethrow(task);
  }

  private static Object resultOrRethrow(TaskContext task) {
    if (task.outcome() == TaskState.DONE) {
      return task.result();
    }
    throw Throwables.<RuntimeException>sneaky(task.failure());
  }

  private static TaskContext newTask(
      KernelState kernel,
      RuntimeSettings settings,
      TaskSpec spec,
      TaskContext parent,
      boolean synchronous,
      String schedulerName) {
    long id = kernel.nextId();
    String name = spec.name() != null && !spec.name().isEmpty() ? spec.name() : "task-" + id;
    long limit = spec.stackLimit() > 0 ? spec.stackLimit() : settings.stackLimit();
    Map<String, String> env = spec.env() == null || spec.env().isEmpty() ? null : spec.env();
    TaskContext task =
        new TaskContext(
            id,
            name,
            parent,
            spec.mode() == null ? SpawnMode.LINKED : spec.mode(),
            spec.weak(),
            synchronous,
            schedulerName,
            env,
            limit,
            settings.stackSegment());
    if (parent != null) {
      task.locals = TaskLocalSlots.inherit(parent.locals);
    }
    return task;
  }

  /** Links the task under its parent and counts it; false (task ended KILLED) if refused. */
  private static boolean admit(KernelState kernel, TaskContext task, TaskContext parent) {
    if (parent != null && !parent.adopt(task)) {
      TaskKilledError why =
          new TaskKilledError(
              "task '"
                  + task.name
                  + "' (#"
                  + task.id
                  + ") was not started: its group is failing (parent '"
                  + parent.name
                  + "' (#"
                  + parent.id
                  + ") is being killed or is failing)",
              null);
      task.refuse(why);
      Events.taskStart(task);
      Events.taskEnd(task, Events.taskEndBegin(), TaskState.KILLED, why, -1);
      return false;
    }
    kernel.taskStarted(task, isRegistered(task));
    return true;
  }

  private static boolean isRegistered(TaskContext task) {
    return task.parent == null || !task.synchronous || task.mode == SpawnMode.UNLINKED;
  }

  private static void runOnThread(KernelState kernel, TaskContext task, Callable<?> body) {
    TaskContext previous = CurrentTask.bind(task);
    try {
      runToEnd(kernel, task, body);
    } finally {
      CurrentTask.restore(previous);
    }
  }

  private static void runToEnd(KernelState kernel, TaskContext task, Callable<?> body) {
    begin(kernel, task);
    Object value = null;
    Throwable bodyFailure = null;
    try {
      task.checkpoint();
      value = body.call();
    } catch (Throwable e) {
      bodyFailure = e;
    }
    end(kernel, task, value, bodyFailure);
  }

  private static void begin(KernelState kernel, TaskContext task) {
    if (!task.attached()) {
      task.attach();
    }
    Object endEvent = Events.taskEndBegin();
    if (endEvent != null) {
      task.endEvent = endEvent;
      task.allocatedAtStart = Events.Allocation.currentThread();
      task.startedAtMillis = System.currentTimeMillis();
    } else if (LiveTaskEvents.startTimesWanted()) {
      task.startedAtMillis = System.currentTimeMillis(); // for the live view's snapshots
    }
    Events.taskStart(task);
    kernel.notifyStart(task);
  }

  private static void end(
      KernelState kernel, TaskContext task, Object value, Throwable bodyFailure) {
    if (bodyFailure == null
        && task.hooks == null
        && task.endEvent == null
        && !kernel.hasListeners()
        && task.completeDoneAtOnce(value)) {
      // Returned normally with nothing to run before the end: no failure, no hooks, no TaskEnd
      // event, no listeners to tell, so the order below reduces to the outcome and the counts.
      kernel.taskEnded(task, TaskState.DONE, isRegistered(task));
      return;
    }
    Throwable failure = task.finishBody(bodyFailure);
    if (failure != null && !task.wasKilled()) {
      Events.taskFailure(task, failure);
    }
    Throwable afterHooks = Unwinder.runTaskHooks(task, failure);
    if (failure == null && afterHooks != null) {
      task.markFailing(); // a defer hook failed after a normal return
      Events.taskFailure(task, afterHooks);
    }
    failure = afterHooks;
    TaskState outcome =
        failure == null ? TaskState.DONE : task.wasKilled() ? TaskState.KILLED : TaskState.FAILED;
    if (outcome == TaskState.FAILED) {
      LinkedFailure.taskFailed(task, failure);
      if (!task.synchronous && !task.failureGoesToCaller) {
        reportUnjoinedFailure(task, failure);
      }
    }
    long allocated = -1;
    if (task.allocatedAtStart >= 0) {
      long now = Events.Allocation.currentThread();
      allocated = now >= 0 ? now - task.allocatedAtStart : -1;
    }
    Events.taskEnd(task, task.endEvent, outcome, failure, allocated);
    task.endEvent = null;
    kernel.notifyEnd(task, outcome, failure);
    task.complete(outcome, outcome == TaskState.DONE ? value : null, failure);
    kernel.taskEnded(task, outcome, isRegistered(task));
  }

  private static void endUnstarted(KernelState kernel, TaskContext task, Throwable why) {
    task.finishBody(why);
    Events.taskFailure(task, why);
    LinkedFailure.taskFailed(task, why);
    task.complete(TaskState.FAILED, null, why);
    kernel.taskEnded(task, TaskState.FAILED, isRegistered(task));
  }

  /** Like an uncaught exception in a thread: a failed task's failure is printed once. */
  private static void reportUnjoinedFailure(TaskContext task, Throwable failure) {
    System.err.println("taskrt: task '" + task.name + "' (#" + task.id + ") failed:");
    failure.printStackTrace();
  }
}
