package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.TaskTimeoutException;
import dev.taskrt.internal.jfr.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Not API. One task: identity, state, kill flag, tree links, stack accounting, hooks, task-locals.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Threads.</b> A task runs on one thread for its whole life. Fields marked "owner" ({@link
 * #depth}, {@link #stackBytes}, {@link #hooks}, {@link #locals}, ...) are read and written by that
 * thread alone, so they are plain fields: the instrumented hot path ({@link #enterFrame}/{@link
 * #exitFrame}) is a few plain loads and stores plus one volatile load of {@link #killRequested}.
 * Before the task starts, its spawner writes {@link #locals} (inherited values); the scheduler's
 * hand-off (executor submit or thread start) orders those writes before the owner's reads.
 *
 * <p><b>Lifecycle.</b> {@code RUNNING -> (BLOCKED | FOREIGN)* -> [UNWINDING] -> DONE | FAILED |
 * KILLED}. {@link #state} is volatile and written by the owner, except the terminal state of a task
 * refused at spawn. The outcome is decided once: under this object's monitor, the owner sets {@link
 * #finishing} when the body has ended; a kill that got the monitor first makes the task KILLED even
 * if the body then returned, and a kill that comes later is ignored.
 *
 * <p><b>Kills.</b> {@link #kill} runs on any thread. Under the monitor it records the cause and
 * sets the volatile {@link #killRequested}; then it propagates to relatives (see {@link
 * LinkedFailure}), and only then, under the monitor again, interrupts the owner thread unless the
 * task is shielded (inside {@code unkillable} or a foreign call, see {@link #shield}) or has ended,
 * and unparks it: children are flagged before a blocked parent wakes and unwinds. The owner sees
 * the flag at its next checkpoint. Interrupts are sent under the monitor and the owner unbinds its
 * thread under the same monitor, so an interrupt never lands on a pooled thread's next task; the
 * pool clears any interrupt left between tasks.
 *
 * <p><b>Tree.</b> Each task links its live children in an intrusive list guarded by its own
 * monitor. A task that ended stays linked under its parent while it still has live descendants, so
 * a supervising ancestor's failure still reaches a grandchild whose parent already ended. A
 * synchronous child running on its parent's thread is not in the list: the parent points at it from
 * the volatile {@link #syncChild} (see {@link #adopt}). Only {@link #releaseRunningHere} holds two
 * monitors (a child's, then its parent's) and no code takes them the other way round; no event is
 * committed while a monitor is held.
 *
 * <p><b>Ending.</b> The owner ends a task in one monitor section ({@link #complete}): outcome,
 * unbinding, the end actions to take and, when there are none, publication to joiners. Joiners wait
 * on a future made on first use under the same monitor. A task made on the thread that runs it
 * (synchronous tasks) learns its thread before it is published to other threads by its parent's
 * monitor, so it needs no monitor to start.
 */
public final class TaskContext implements TaskHandle<Object> {

  // ---- identity (final, safe to read from any thread) ----

  public final long id;
  public final String name;
  final TaskContext parent;
  final SpawnMode mode;
  final boolean weak;
  final boolean synchronous;
  final String schedulerName;
  final Map<String, String> env;
  public final long stackLimit;
  final long stackSegment;

  // ---- state ----

  /** What the task does now; written by the owner. */
  public volatile TaskState state = TaskState.RUNNING;

  /** Set once by {@link #kill}; read at every checkpoint. */
  volatile boolean killRequested;

  /** Why the task was killed; null for a plain cancellation. Written before killRequested. */
  private Throwable killCause;

  /** The task whose failure killed this one, or null. Written before killRequested. */
  private TaskContext killSource;

  private boolean killIsCancel;

  /** Under the monitor: the body has ended and the outcome is being decided; kills are ignored. */
  private boolean finishing;

  /** Under the monitor: the task has ended (outcome final, thread unbound). */
  private boolean ended;

  /** Under the monitor: the task's failure is being handled; kills are ignored. */
  private boolean failing;

  /** Under the monitor: how many unkillable or foreign sections the owner is inside. */
  private int shield;

  /** Under the monitor: the thread running the task, null before start and after end. */
  private Thread thread;

  /** Under the monitor: an interrupt was delivered to {@link #thread} by a kill. */
  private boolean interruptSent;

  private volatile TaskState outcome;
  private Object result;
  private Throwable failure;

  /** Under the monitor: made by the first joiner; see {@link #completion()}. */
  private CompletableFuture<Object> completion;

  /** Under the monitor: the outcome is final and the end actions ran; joiners may return. */
  private boolean published;

  private static final java.lang.invoke.VarHandle STATE;
  private static final java.lang.invoke.VarHandle OUTCOME;
  private static final java.lang.invoke.VarHandle SYNC_CHILD;

  static {
    try {
      java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
      STATE = lookup.findVarHandle(TaskContext.class, "state", TaskState.class);
      OUTCOME = lookup.findVarHandle(TaskContext.class, "outcome", TaskState.class);
      SYNC_CHILD = lookup.findVarHandle(TaskContext.class, "syncChild", TaskContext.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Under the monitor: actions to run when the task ends (see {@link #onEnd}). */
  private List<EndAction> endActions;

  // ---- tree (guarded by this object's monitor) ----

  /** The synchronous child running on this task's thread now, or null; see {@link #adopt}. */
  private volatile TaskContext syncChild;

  /** Owner: the parent's previous {@link #syncChild}, restored when this one ends. */
  private TaskContext outerSyncSibling;

  /** Under the parent's monitor: this task is in its parent's children list. */
  private boolean linked;

  private TaskContext firstChild;
  private TaskContext nextSibling;
  private TaskContext prevSibling;

  /** Under the registry stripe's monitor: neighbours in the kernel's {@link LiveTaskRegistry}. */
  TaskContext registryPrev;

  TaskContext registryNext;

  // ---- owner-thread fields ----

  /** Owner: instrumented frames entered and not yet exited. */
  int depth;

  /** Owner: estimated bytes of the instrumented frames on the stack. */
  public long stackBytes;

  /** Owner: the largest {@link #stackBytes} seen. */
  long highWater;

  /** Owner: stackBytes above this call the slow path (new high water, segment, limit). */
  long watermark;

  /** Owner: the next segment boundary, in bytes. */
  long nextSegment;

  /** Owner: how many segment boundaries the task crossed. */
  int segmentsCrossed;

  /** Owner: the top hook, or null. */
  Hook hooks;

  /** Owner: the depth of the top hook, or -1 when there is none (checked on every frame exit). */
  int topHookDepth = -1;

  /** Owner: true while hooks run after a failure. */
  boolean unwinding;

  /** Owner (and the spawner, before start): task-local values by {@link TaskLocalSlots} index. */
  Object[] locals;

  /** Owner: bookkeeping for the TaskEnd event, when it is enabled at start. */
  Object endEvent;

  /** Owner: bytes allocated by the thread when the task started, or -1. */
  long allocatedAtStart = -1;

  /** Owner: the failure is rethrown to whoever ran the task (hand-offs), so it is not printed. */
  boolean failureGoesToCaller;

  /** Owner: the state to restore after a foreign call. */
  public TaskState foreignBefore;

  // ---- what the task waits on, for live-task snapshots (see LiveTaskSnapshot) ----

  /**
   * Owner: the wait a BLOCKED task is in ({@code recv}, {@code send}, {@code select}, {@code join},
   * {@code sleep}); written before the volatile {@link #state} store that publishes it.
   */
  public String waitingFor;

  /** Owner: the pipe or the joined task a BLOCKED task waits on, or null; cleared on unblock. */
  public Object waitingOn;

  /** Owner: the method id of the foreign call a FOREIGN task is in. */
  public int waitingMethod;

  /** Owner: wall-clock start in ms when the task measured itself (a recording ran), else 0. */
  public long startedAtMillis;

  /** Owner: what was bound to the thread before an inline (agent-rewritten) task began. */
  TaskContext previousBinding;

  /** Owner, between {@link #completeLocked} and {@link #afterComplete}: what the end must do. */
  private List<EndAction> endingActions;

  private CompletableFuture<Object> endingCompletion;
  private boolean endingClearsInterrupt;
  private boolean endedAsLeaf;

  /** The name of this task's hand-off children, made on first use (a racy but idempotent cache). */
  private String handoffChildName;

  TaskContext(
      long id,
      String name,
      TaskContext parent,
      SpawnMode mode,
      boolean weak,
      boolean synchronous,
      String schedulerName,
      Map<String, String> env,
      long stackLimit,
      long stackSegment) {
    this.id = id;
    this.name = name;
    this.parent = parent;
    this.mode = mode;
    this.weak = weak;
    this.synchronous = synchronous;
    this.schedulerName = schedulerName;
    this.env = env;
    this.stackLimit = stackLimit;
    this.stackSegment = stackSegment;
    this.nextSegment = stackSegment > 0 ? stackSegment : Long.MAX_VALUE;
    this.watermark = 0;
  }

  /** {@code <name>/handoff}: the name of work this task hands to another thread. */
  String handoffChildName() {
    String childName = handoffChildName;
    if (childName == null) {
      childName = name + "/handoff";
      handoffChildName = childName;
    }
    return childName;
  }

  // ---------------------------------------------------------------- TaskHandle

  @Override
  public long id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TaskState state() {
    return state;
  }

  @Override
  public Optional<TaskHandle<?>> parent() {
    return Optional.ofNullable(parent);
  }

  @Override
  public boolean isWeak() {
    return weak;
  }

  /** The parent task, or null for a root. */
  public TaskContext parentContext() {
    return parent;
  }

  /** The spawn mode the task was created with. */
  public SpawnMode mode() {
    return mode;
  }

  /** The scheduler's name, or {@code caller} for a synchronous task on its caller's thread. */
  public String schedulerName() {
    return schedulerName;
  }

  /** The outcome, or null while the task runs. */
  public TaskState outcome() {
    return outcome;
  }

  @Override
  public Object join() {
    return awaitOutcome(-1);
  }

  @Override
  public Object join(Duration timeout) {
    return awaitOutcome(Math.max(0, timeout.toNanos()));
  }

  private Object awaitOutcome(long timeoutNanos) {
    CompletableFuture<Object> future = completion();
    TaskContext waiter = CurrentTask.get();
    if (waiter == this) {
      throw new IllegalStateException("task '" + name + "' (#" + id + ") cannot join itself");
    }
    if (waiter != null) {
      waiter.checkpoint();
    }
    boolean interrupted = false;
    long deadline = timeoutNanos >= 0 ? System.nanoTime() + timeoutNanos : 0;
    TaskState before = waiter == null ? null : waiter.block("join", this);
    try {
      while (true) {
        try {
          if (timeoutNanos < 0) {
            future.get();
          } else {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          }
          break;
        } catch (InterruptedException e) {
          if (waiter != null && waiter.killRequested) {
            waiter.unblock(before);
            before = null;
            waiter.checkpoint();
          }
          interrupted = true;
        } catch (ExecutionException e) {
          break; // outcome is read below
        } catch (TimeoutException e) {
          throw new TaskTimeoutException(
              "task '"
                  + name
                  + "' (#"
                  + id
                  + ") still running after "
                  + Duration.ofNanos(timeoutNanos));
        }
      }
    } finally {
      if (before != null) {
        waiter.unblock(before);
      }
      if (interrupted && (waiter == null || !waiter.killRequested)) {
        Thread.currentThread().interrupt();
      }
    }
    return resultOrThrow();
  }

  private Object resultOrThrow() {
    TaskState out = outcome;
    if (out == TaskState.DONE) {
      return result;
    }
    String verb = out == TaskState.KILLED ? "was killed" : "failed";
    throw new TaskFailedException("task '" + name + "' (#" + id + ") " + verb, failure);
  }

  @Override
  public void kill() {
    kill(null, null, null, true);
  }

  @Override
  public CompletableFuture<Object> toFuture() {
    CompletableFuture<Object> copy = new CompletableFuture<>();
    completion()
        .whenComplete(
            (value, error) -> {
              if (outcome == TaskState.DONE) {
                copy.complete(result);
              } else {
                try {
                  resultOrThrow();
                } catch (TaskFailedException e) {
                  copy.completeExceptionally(e);
                }
              }
            });
    return copy;
  }

  /**
   * The completion signal, made on first use; completed once the outcome is final and the end
   * actions ran. The joiner publishes the future then reads {@link #published}; the ender writes
   * {@code published} then reads the future: with both volatile, at least one of them completes it.
   */
  private CompletableFuture<Object> completion() {
    CompletableFuture<Object> future;
    boolean done;
    synchronized (this) {
      if (completion == null) {
        completion = new CompletableFuture<>();
      }
      future = completion;
      done = published;
    }
    if (done) {
      future.complete(null);
    }
    return future;
  }

  /**
   * Equality stays identity; the hash is the id's, so sets of tasks (the kernel's registry) never
   * ask the JVM for an identity hash, which costs a header update on every new task.
   */
  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public String toString() {
    return "task '" + name + "' (#" + id + ", " + state + ")";
  }

  // ---------------------------------------------------------------- kills

  /**
   * Delivers a kill. {@code cancel} marks a cancellation from outside (travels to descendants
   * only); otherwise {@code cause} is the failure of {@code source}, the task that failed first,
   * reaching this one through {@code via}, the relative that passes it on (it travels along the
   * links).
   */
  void kill(Throwable cause, TaskContext source, TaskContext via, boolean cancel) {
    kill(cause, source, via, cancel, false);
  }

  /**
   * As {@link #kill(Throwable, TaskContext, TaskContext, boolean)}; with {@code spareWeak} the kill
   * does not travel to weak descendants (the exit sequence kills them later, after at_exit).
   */
  void kill(
      Throwable cause, TaskContext source, TaskContext via, boolean cancel, boolean spareWeak) {
    boolean alive;
    synchronized (this) {
      alive = !ended && !finishing && !failing;
      if (alive && killRequested) {
        return; // already killed: its relatives were reached then
      }
      if (alive) {
        killCause = cause;
        killSource = source;
        killIsCancel = cancel;
        killRequested = true;
      }
    }
    if (alive && source != null) {
      Events.linkedFailure(source, via, this, cause);
    }
    // Relatives first, then this task's own thread: a parent woken by the kill may release what
    // its children still use (close a server, a file) as it unwinds, and a child flagged before
    // that ends KILLED rather than failing on the closed resource. (A parent that is running, not
    // blocked, can still meet its flag at a checkpoint before its children are flagged.)
    LinkedFailure.afterKill(this, cause, source, cancel, alive, spareWeak);
    if (alive) {
      wakeForKill();
    }
  }

  /**
   * Interrupts and unparks the owner so that a blocked task sees its kill, unless it is shielded,
   * has ended or is the calling thread. Under the monitor, as the owner unbinds its thread under
   * the same monitor: an interrupt never lands on a pooled thread's next task.
   */
  private void wakeForKill() {
    Thread target = null;
    synchronized (this) {
      if (shield == 0 && thread != null && thread != Thread.currentThread()) {
        target = thread;
        interruptSent = true;
        target.interrupt();
      }
    }
    if (target != null) {
      LockSupport.unpark(target);
    }
  }

  /** Throws {@link TaskKilledError} if a kill is pending and the task may be killed now. */
  public void checkpoint() {
    if (killRequested) {
      checkpointSlow();
    }
  }

  private void checkpointSlow() {
    if (unwinding) {
      return;
    }
    synchronized (this) {
      if (shield > 0 || finishing) {
        return;
      }
    }
    throw newKilledError();
  }

  TaskKilledError newKilledError() {
    String why;
    if (killIsCancel) {
      why = "cancelled";
    } else if (killSource != null) {
      why = "linked task '" + killSource.name + "' (#" + killSource.id + ") failed";
    } else {
      why = "killed by the runtime";
    }
    return new TaskKilledError("task '" + name + "' (#" + id + ") was killed: " + why, killCause);
  }

  /** Enters an unkillable or foreign section: kills wait until it ends. */
  public void enterShield() {
    synchronized (this) {
      shield++;
    }
  }

  /** Leaves a section; at the last one, a pending kill is delivered by the next checkpoint. */
  public void exitShield() {
    synchronized (this) {
      shield--;
    }
  }

  /**
   * Whether a kill is pending (a blocking runtime call woken early checks this, then checkpoints).
   */
  public boolean isKillRequested() {
    return killRequested;
  }

  /** Something that must happen when a task ends, such as closing the pipes it owns. */
  @FunctionalInterface
  public interface EndAction {
    /**
     * Called once, on the task's thread after its hooks ran and its outcome was decided, or at once
     * on the registering thread if the task has already ended.
     *
     * @param failure what the task failed or was killed with, null when DONE
     */
    void taskEnded(TaskContext task, TaskState outcome, Throwable failure);
  }

  /** Registers an action for the task's end; any thread. Runs it now if the task has ended. */
  public void onEnd(EndAction action) {
    synchronized (this) {
      if (!ended) {
        if (endActions == null) {
          endActions = new ArrayList<>(2);
        }
        endActions.add(action);
        return;
      }
    }
    action.taskEnded(this, outcome, failure);
  }

  /** Marks the owner as blocked in a runtime wait; returns the state to restore. */
  public TaskState block() {
    TaskState before = state;
    state = TaskState.BLOCKED;
    return before;
  }

  /**
   * Marks the owner as blocked in the wait {@code what} on {@code on} (a pipe, a joined task, or
   * null); returns the state to restore.
   */
  public TaskState block(String what, Object on) {
    waitingFor = what;
    waitingOn = on;
    return block();
  }

  /** Restores the state {@link #block} returned. */
  public void unblock(TaskState before) {
    state = before;
    waitingOn = null;
  }

  /** The synchronous child running on this task's thread now, or null (any thread). */
  TaskContext syncChildNow() {
    return syncChild;
  }

  // ---------------------------------------------------------------- tree

  /**
   * Links a new child under this task, unless this task's group is failing.
   *
   * @return false if the spawn is refused
   */
  boolean adopt(TaskContext child) {
    if (child.synchronous && Thread.currentThread() == child.thread) {
      return adoptRunningHere(child);
    }
    synchronized (this) {
      if (killRequested || failing || (ended && child.synchronous)) {
        return false;
      }
      link(child);
      return true;
    }
  }

  private void link(TaskContext child) {
    child.nextSibling = firstChild;
    if (firstChild != null) {
      firstChild.prevSibling = child;
    }
    firstChild = child;
    child.linked = true;
  }

  /**
   * Adopts a synchronous child that runs on this task's own thread (the caller waits inside it, so
   * a task has at most one such child at a time): no monitor, one volatile store. The owner
   * publishes {@link #syncChild} and then reads {@link #killRequested}; a killer writes {@code
   * killRequested} and then reads {@code syncChild}; with both volatile, either the killer reaches
   * the child or the owner sees the kill and refuses the child.
   */
  private boolean adoptRunningHere(TaskContext child) {
    TaskContext outer = syncChild;
    child.outerSyncSibling = outer;
    syncChild = child;
    if (killRequested || failing) {
      syncChild = outer;
      return false;
    }
    return true;
  }

  /**
   * A synchronous child running here has ended: it stops being this task's {@link #syncChild}. If
   * it still has linked children of its own (spawned and alive), it is linked under this task so
   * that a failure of this task still reaches them.
   */
  private void releaseRunningHere(TaskContext child, boolean wasLeaf) {
    SYNC_CHILD.setRelease(this, child.outerSyncSibling); // a killer that still sees it is harmless
    child.outerSyncSibling = null;
    if (wasLeaf) {
      return; // no children when it ended; any spawned later would be refused (it is ended)
    }
    synchronized (child) {
      if (child.firstChild != null) {
        synchronized (this) {
          link(child);
        }
      }
    }
  }

  /**
   * The children still linked (alive, or ended with live descendants), and a running sync child.
   */
  List<TaskContext> childrenSnapshot() {
    TaskContext running = syncChild;
    synchronized (this) {
      if (firstChild == null && running == null) {
        return List.of();
      }
      List<TaskContext> list = new ArrayList<>();
      if (running != null) {
        list.add(running);
      }
      for (TaskContext c = firstChild; c != null; c = c.nextSibling) {
        if (c != running) {
          list.add(c);
        }
      }
      return list;
    }
  }

  /**
   * Called when this task has ended with no linked children: unlinks it from its parent, and then
   * each ended ancestor that this leaves without children, so the tree holds live tasks and the
   * ended tasks between them only.
   */
  private void leaveTreeIfDone() {
    TaskContext node = this;
    TaskContext up = parent;
    while (up != null) {
      boolean upDone;
      synchronized (up) {
        if (node.prevSibling != null) {
          node.prevSibling.nextSibling = node.nextSibling;
        } else if (up.firstChild == node) {
          up.firstChild = node.nextSibling;
        }
        if (node.nextSibling != null) {
          node.nextSibling.prevSibling = node.prevSibling;
        }
        node.prevSibling = null;
        node.nextSibling = null;
        upDone = up.ended && up.firstChild == null;
      }
      if (!upDone) {
        return;
      }
      node = up;
      up = up.parent;
    }
  }

  // ---------------------------------------------------------------- lifecycle (owner)

  /** Binds this task to the calling thread; the owner calls it once, first. */
  void attach() {
    synchronized (this) {
      thread = Thread.currentThread();
    }
  }

  /**
   * Binds a task made on the thread that will run it, before anyone else can see it (it is
   * published to killers by its parent's monitor in {@link #adopt}), so no monitor is needed.
   */
  void attachAtCreation() {
    thread = Thread.currentThread();
  }

  /** Whether the task already knows its thread. */
  boolean attached() {
    return thread != null;
  }

  /**
   * Ends the body: decides whether the task is failing.
   *
   * @param bodyFailure what left the body, or null
   * @return the failure to unwind with (the body's, or a kill that arrived first), or null
   */
  Throwable finishBody(Throwable bodyFailure) {
    boolean killed;
    synchronized (this) {
      finishing = true;
      killed = killRequested;
      if (bodyFailure != null || killed) {
        failing = true;
      }
    }
    if (killed) {
      if (bodyFailure instanceof TaskKilledError) {
        return bodyFailure;
      }
      TaskKilledError error = newKilledError();
      if (bodyFailure != null) {
        error.addSuppressed(bodyFailure);
      }
      return error;
    }
    return bodyFailure;
  }

  /** Whether a kill (not a failure of the task's own) decided the outcome. */
  boolean wasKilled() {
    return killRequested;
  }

  boolean wasCancelled() {
    return killRequested && killIsCancel;
  }

  TaskContext killSource() {
    return killSource;
  }

  /** Marks the task failing after its body returned and a defer hook threw. */
  void markFailing() {
    synchronized (this) {
      failing = true;
    }
  }

  /**
   * Makes the outcome final, unbinds the thread, runs the end actions, completes joiners and leaves
   * the tree. One monitor section for the task itself; the parent's only to unlink.
   */
  void complete(TaskState finalState, Object value, Throwable error) {
    synchronized (this) {
      completeLocked(finalState, value, error);
    }
    afterComplete(finalState, error);
  }

  /**
   * The end of a body that returned normally with nothing to run between the body and the task's
   * end (no hooks, no TaskEnd event, no listeners): decides DONE and completes the task in one
   * monitor section instead of {@link #finishBody}'s and {@link #complete}'s two. If a kill got the
   * monitor first, nothing changes and false sends the caller down the full path.
   */
  boolean completeDoneAtOnce(Object value) {
    synchronized (this) {
      if (killRequested) {
        return false;
      }
      finishing = true;
      completeLocked(TaskState.DONE, value, null);
    }
    afterComplete(TaskState.DONE, null);
    return true;
  }

  /** Under the monitor: the outcome; leaves what {@link #afterComplete} needs in owner fields. */
  private void completeLocked(TaskState finalState, Object value, Throwable error) {
    result = value;
    failure = error;
    OUTCOME.setRelease(this, finalState); // the monitor's exit orders it; readers are volatile
    STATE.setRelease(this, finalState);
    ended = true;
    endingActions = endActions;
    endActions = null;
    endingClearsInterrupt = interruptSent && thread == Thread.currentThread();
    thread = null;
    endedAsLeaf = firstChild == null;
    published = endingActions == null;
    endingCompletion = published ? completion : null;
  }

  /** Owner, after {@link #completeLocked}: end actions, joiners, the tree. */
  private void afterComplete(TaskState finalState, Throwable error) {
    List<EndAction> actions = endingActions;
    CompletableFuture<Object> toComplete = endingCompletion;
    endingActions = null;
    endingCompletion = null;
    boolean leaf = endedAsLeaf;
    locals = null;
    hooks = null;
    if (endingClearsInterrupt) {
      Thread.interrupted(); // the kill's own interrupt, not the application's
    }
    if (actions != null) {
      for (EndAction action : actions) {
        try {
          action.taskEnded(this, finalState, error);
        } catch (Throwable e) {
          System.err.println("taskrt: an end action of " + this + " failed: " + e);
        }
      }
      synchronized (this) {
        published = true;
        toComplete = completion;
      }
    }
    if (toComplete != null) {
      toComplete.complete(null);
    }
    if (parent != null && !linked && synchronous && parent.syncChild == this) {
      parent.releaseRunningHere(this, leaf);
    } else if (leaf) {
      leaveTreeIfDone();
    }
  }

  /** Ends a task whose group refused it: it never ran, and reports KILLED. */
  void refuse(TaskKilledError why) {
    synchronized (this) {
      killRequested = true;
      finishing = true;
      failing = true;
      ended = true;
      outcome = TaskState.KILLED;
      state = TaskState.KILLED;
      failure = why;
      published = true;
    }
  }

  Throwable failure() {
    return failure;
  }

  Object result() {
    return result;
  }

  // ---------------------------------------------------------------- stack accounting (owner)

  /**
   * Entry of an instrumented frame: accounts its estimated size, then acts as a checkpoint. Throws
   * before changing anything, so a frame that fails here needs no exit.
   */
  public void enterFrame(int methodId, int frameBytes) {
    long bytes = stackBytes + frameBytes;
    if (bytes > watermark) {
      onNewHighWater(bytes, methodId);
    }
    if (killRequested) {
      checkpointSlow();
    }
    stackBytes = bytes;
    depth++;
  }

  /** Exit of an instrumented frame; runs the frame's hooks. A defer's failure may be thrown. */
  public void exitFrame(int frameBytes, Throwable thrown) {
    if (topHookDepth >= depth) {
      try {
        Unwinder.runFrameHooks(this, depth, thrown);
      } finally {
        depth--;
        stackBytes -= frameBytes;
      }
      return;
    }
    depth--;
    stackBytes -= frameBytes;
  }

  private void onNewHighWater(long bytes, int methodId) {
    if (stackLimit > 0) {
      long limit = unwinding ? stackLimit * 2 : stackLimit;
      if (bytes > limit) {
        throw new StackLimitExceededError(
            "task '"
                + name
                + "' (#"
                + id
                + ") would use "
                + bytes
                + " bytes of stack entering "
                + MethodRegistry.describe(methodId)
                + ", over its stackLimit of "
                + stackLimit
                + (unwinding ? " (x2 while unwinding)" : "")
                + " bytes; raise stackLimit or bound the recursion");
      }
    }
    highWater = bytes;
    watermark = bytes;
    while (bytes >= nextSegment) {
      segmentsCrossed++;
      nextSegment += stackSegment;
      Events.stackSegment(this, methodId, bytes, depth + 1, segmentsCrossed);
    }
  }

  /** After hooks ran while unwinding: the 2x allowance ends. */
  void endUnwinding() {
    unwinding = false;
    if (stackLimit > 0 && watermark > stackLimit) {
      watermark = stackLimit;
    }
  }

  /** Estimated stack bytes now (owner). */
  public long stackBytes() {
    return stackBytes;
  }

  /** The largest stack estimate so far (owner, or anyone after the end). */
  public long highWater() {
    return highWater;
  }

  /** Segment boundaries crossed (owner, or anyone after the end). */
  public int segmentsCrossed() {
    return segmentsCrossed;
  }
}
