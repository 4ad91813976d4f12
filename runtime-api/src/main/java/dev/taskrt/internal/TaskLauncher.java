package dev.taskrt.internal;

import dev.taskrt.Scheduler;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.internal.jfr.Events;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * Not API. Makes tasks and runs them. One entrance for each way a task runs: {@link #spawn} on a
 * scheduler; {@link #run} synchronously on the caller's thread (or on a thread of its own when a
 * stack size is asked for); {@link #beginInline}/{@link #endInline} around a body the agent's
 * rewritten code runs inline; {@link #runHandedOff} for work a task handed to another thread. Every
 * task is made by one method and admitted (linked under its parent, counted) by one.
 *
 * <p>A task's life on its thread, in order: bind to the thread, TaskStart, listeners' onStart, the
 * body, the outcome decided ({@link TaskContext#finishBody}), TaskFailure, the task's remaining
 * hooks (last first), linked relatives killed, TaskEnd, listeners' onEnd, the outcome published to
 * joiners, unbind.
 */
public final class TaskLauncher {
  private TaskLauncher() {}

  // ---- entrances: one for each way a task runs

  /** Starts a task on a scheduler; returns its handle at once. */
  public static TaskContext spawn(TaskSpec spec, Callable<?> body) {
    return spawn(spec, body, NOTHING_OWNED);
  }

  /**
   * Starts a task on a scheduler that owns {@code owned} from this moment (see {@link
   * OwnedByTask}); returns its handle at once.
   */
  public static TaskContext spawn(TaskSpec spec, Callable<?> body, OwnedByTask[] owned) {
    KernelState kernel = KernelState.get();
    RuntimeSettings settings = kernel.settings();
    String schedulerName;
    Scheduler scheduler;
    if (spec.stackSize() > 0) {
      schedulerName = "platform";
      long stackSize = spec.stackSize();
      scheduler = b -> Schedulers.newThread(b, "taskrt-stack-", stackSize).start();
    } else {
      // A builder's name was checked at its call; the options' and annotations' fail open here.
      Schedulers.Resolved resolved =
          spec.scheduler() != null
              ? kernel
                  .schedulers()
                  .configured(spec.scheduler(), "asked for by task '" + spec.name() + "'")
              : kernel
                  .schedulers()
                  .configured(settings.defaultScheduler(), "option defaultScheduler");
      schedulerName = resolved.name();
      scheduler = resolved.scheduler();
    }
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, spec, parent, false, schedulerName, inherited(parent));
    return start(kernel, task, kernel.schedulers().load(schedulerName), scheduler, body, owned);
  }

  /**
   * Starts a root task (no parent, whatever runs on the calling thread) on the given scheduler;
   * used by the kernel for work of its own, such as at_exit handlers: live, but not counted among
   * the strong or weak tasks.
   */
  static TaskContext spawnRoot(
      TaskSpec spec, String schedulerName, Scheduler scheduler, Callable<?> body) {
    KernelState kernel = KernelState.get();
    TaskContext task = newTask(kernel, spec, null, false, schedulerName, null);
    task.kernelWork = true;
    return start(kernel, task, null, scheduler, body, NOTHING_OWNED);
  }

  private static final OwnedByTask[] NOTHING_OWNED = {};

  private static TaskContext start(
      KernelState kernel,
      TaskContext task,
      SchedulerLoad load,
      Scheduler scheduler,
      Callable<?> body,
      OwnedByTask[] owned) {
    task.load = load;
    if (!admit(kernel, task)) {
      giveNeverRan(task, owned);
      return task;
    }
    for (OwnedByTask o : owned) {
      o.takenBy(task);
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

  /** A refused task owns what it was given, and ends it at once as its kill would. */
  private static void giveNeverRan(TaskContext task, OwnedByTask[] owned) {
    for (OwnedByTask o : owned) {
      o.takenBy(task);
      o.ownerNeverRan(task, task.failure());
    }
  }

  /** Runs a task synchronously; its failure is rethrown as the original exception. */
  public static Object run(TaskSpec spec, Callable<?> body) {
    return run(spec, body, NOTHING_OWNED);
  }

  /** Runs a task synchronously that owns {@code owned} from its start (see {@link OwnedByTask}). */
  public static Object run(TaskSpec spec, Callable<?> body, OwnedByTask[] owned) {
    KernelState kernel = KernelState.get();
    if (spec.stackSize() > 0) {
      return runOnOwnThread(kernel, spec, body, owned);
    }
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, spec, parent, true, "caller", inherited(parent));
    task.attachAtCreation();
    if (!admit(kernel, task)) {
      giveNeverRan(task, owned);
      throw (TaskKilledError) task.failure();
    }
    for (OwnedByTask o : owned) {
      o.takenBy(task);
    }
    return runHere(kernel, task, body);
  }

  /** Starts a synchronous task the agent's rewritten code runs inline; see {@link #endInline}. */
  public static TaskContext beginInline(TaskSpec spec) {
    return beginInline(spec, false);
  }

  /**
   * As {@link #beginInline(TaskSpec)}; {@code unmarked} for a task the user did not mark (the
   * implicit root {@code main}): its failure does not kill its unmarked children (DESIGN §8).
   */
  public static TaskContext beginInline(TaskSpec spec, boolean unmarked) {
    KernelState kernel = KernelState.get();
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, spec, parent, true, "caller", inherited(parent));
    task.unmarked = unmarked;
    admitHere(kernel, task);
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
   * Runs work handed off by {@code parent} as its child on this thread (see {@code
   * internal.handoff}). The child is asynchronous to its parent: its failure travels by {@code
   * mode}, and is rethrown here to the executor as the original exception.
   *
   * @param inheritedLocals the parent's inheritable task-locals as they were at hand-off
   */
  public static Object runHandedOff(
      TaskContext parent, SpawnMode mode, Object[] inheritedLocals, Callable<?> work) {
    KernelState kernel = KernelState.get();
    // Work on a daemon thread never holds up the JVM's exit without taskrt; as a child task it is
    // weak, so the kernel's exit does not wait for it either (a background loop would hang it).
    boolean weak = parent.weak || Thread.currentThread().isDaemon();
    TaskSpec spec = new TaskSpec(parent.handoffChildName(), mode, weak, null, 0, 0, null);
    // A copy, since work that runs again (a periodic scheduled task) must not see what an earlier
    // run set.
    Object[] locals = inheritedLocals == null ? null : inheritedLocals.clone();
    TaskContext task = newTask(kernel, spec, parent, false, "handoff", locals);
    task.failureGoesToCaller = true;
    task.unmarked = true; // the application handed it off; nobody marked it
    return runHere(kernel, admitHere(kernel, task), work);
  }

  // ---- making and admitting a task

  /**
   * The one way a task is made.
   *
   * @param synchronous whether its caller waits for it (it then runs on the caller's thread, or on
   *     a thread of its own for a stack size)
   * @param locals its task-locals at start: what it inherits
   */
  private static TaskContext newTask(
      KernelState kernel,
      TaskSpec spec,
      TaskContext parent,
      boolean synchronous,
      String schedulerName,
      Object[] locals) {
    RuntimeSettings settings = kernel.settings();
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
    task.locals = locals;
    TaskTracing tracing = kernel.tracing;
    if (tracing != null) {
      tracing.taskMade(task);
    }
    return task;
  }

  /** What a child of {@code parent} inherits now; null for a root task. */
  private static Object[] inherited(TaskContext parent) {
    return parent == null ? null : TaskLocalSlots.inheritedFrom(parent);
  }

  /** Links the task under its parent and counts it; false (task ended KILLED) if refused. */
  private static boolean admit(KernelState kernel, TaskContext task) {
    TaskContext parent = task.parent;
    if (parent != null && !parent.adopt(task)) {
      TaskKilledError why =
          new TaskKilledError(
              task.label()
                  + " was not started: its group is failing ("
                  + parent.label("parent")
                  + " is being killed or is failing)",
              null);
      task.refuse(why);
      Events.taskStart(task);
      Events.taskEnd(task, Events.taskEndBegin(), TaskState.KILLED, why, -1);
      return false;
    }
    kernel.taskStarted(task, isRegistered(task));
    return true;
  }

  /**
   * Binds a task made on the thread that runs it, then admits it; throws the kill if refused.
   *
   * @return the task
   */
  private static TaskContext admitHere(KernelState kernel, TaskContext task) {
    task.attachAtCreation();
    if (!admit(kernel, task)) {
      throw (TaskKilledError) task.failure();
    }
    return task;
  }

  // ---- running

  /** Runs an admitted task on this thread to its end; returns its value or rethrows its failure. */
  private static Object runHere(KernelState kernel, TaskContext task, Callable<?> body) {
    runOnThread(kernel, task, body);
    return resultOrRethrow(task);
  }

  private static Object runOnOwnThread(
      KernelState kernel, TaskSpec spec, Callable<?> body, OwnedByTask[] owned) {
    TaskContext parent = CurrentTask.get();
    TaskContext task = newTask(kernel, spec, parent, true, "platform", inherited(parent));
    if (!admit(kernel, task)) {
      giveNeverRan(task, owned);
      throw (TaskKilledError) task.failure();
    }
    for (OwnedByTask o : owned) {
      o.takenBy(task);
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

  private static boolean isRegistered(TaskContext task) {
    return task.parent == null || !task.synchronous || task.mode == SpawnMode.UNLINKED;
  }

  /** Runs an admitted task on the calling thread, bound to it meanwhile, to its end. */
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
      task.allocatedAtStart = AllocationMeter.currentThread();
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
    Throwable failure =
        task.finishBody(
            bodyFailure,
            task.unmarked && task.failureGoesToCaller && !(bodyFailure instanceof TaskKilledError));
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
      long now = AllocationMeter.currentThread();
      allocated = now >= 0 ? now - task.allocatedAtStart : -1;
    }
    Events.taskEnd(task, task.endEvent, outcome, failure, allocated);
    task.endEvent = null;
    kernel.notifyEnd(task, outcome, failure);
    task.complete(outcome, outcome == TaskState.DONE ? value : null, failure);
    kernel.taskEnded(task, outcome, isRegistered(task));
  }

  /**
   * A task its scheduler refused (or whose thread could not start) ends FAILED on the spawner's
   * thread; the recording still shows it, TaskStart to TaskEnd, as it shows a task its failing
   * group refused.
   */
  private static void endUnstarted(KernelState kernel, TaskContext task, Throwable why) {
    Events.taskStart(task);
    Object endEvent = Events.taskEndBegin();
    task.finishBody(why);
    Events.taskFailure(task, why);
    LinkedFailure.taskFailed(task, why);
    Events.taskEnd(task, endEvent, TaskState.FAILED, why, -1);
    task.complete(TaskState.FAILED, null, why);
    kernel.taskEnded(task, TaskState.FAILED, isRegistered(task));
  }

  /** Like an uncaught exception in a thread: a failed task's failure is printed once. */
  private static void reportUnjoinedFailure(TaskContext task, Throwable failure) {
    System.err.println("taskrt: " + task.label() + " failed:");
    failure.printStackTrace();
  }
}
