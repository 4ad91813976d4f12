package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.TaskTimeoutException;
import dev.taskrt.internal.jfr.RecordedTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Not API. One task, as the runtime and the handle given to the application see it: the top layer,
 * its lifecycle (state, outcome, joiners, end actions) and task-locals, over {@link TaskStack}
 * (stack accounting, the instrumented hot path) and {@link TaskTree} (identity, the task tree and
 * the kill protocol). The layers are superclasses rather than separate objects, the way {@code
 * RingBuffer} extends its padding classes: a field of any layer is one plain field access away.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Threads.</b> A task runs on one thread for its whole life. Fields marked "owner" ({@link
 * #locals}, {@link #endEvent}, ...) are read and written by that thread alone, so they are plain
 * fields. Before the task starts, its spawner writes {@link #locals} (inherited values); the
 * scheduler's hand-off (executor submit or thread start) orders those writes before the owner's
 * reads.
 *
 * <p><b>Lifecycle.</b> {@code RUNNING -> (BLOCKED | FOREIGN)* -> [UNWINDING] -> DONE | FAILED |
 * KILLED}. {@link #state} is volatile and written by the owner, except the terminal state of a task
 * refused at spawn. Whether a kill or the body's end decides the outcome is settled under this
 * object's monitor by {@link TaskTree}.
 *
 * <p><b>Ending.</b> The owner ends a task in one monitor section ({@link #complete}): outcome,
 * unbinding, the end actions to take and, when there are none, publication to joiners. Joiners wait
 * on a future made on first use under the same monitor. A task made on the thread that runs it
 * (synchronous tasks) learns its thread before it is published to other threads by its parent's
 * monitor, so it needs no monitor to start.
 */
public final class TaskContext extends TaskStack implements TaskHandle<Object>, RecordedTask {

  /** The scheduler's name, or {@code caller} for a synchronous task on its caller's thread. */
  private final String schedulerName;

  /** The task's own environment entries, or null. */
  final Map<String, String> env;

  // ---- lifecycle

  /**
   * What the task does now; written by the owner. Set to RUNNING by a plain store in the
   * constructor: a volatile initialiser would cost every task a fence, and every way a task reaches
   * another thread (its parent's monitor or volatile {@link #syncChild}, the registry's monitor, a
   * scheduler's hand-off) publishes it.
   */
  public volatile TaskState state;

  private volatile TaskState outcome;
  private Object result;
  private Throwable failure;

  /** Under the monitor: made by the first joiner; see {@link #completion()}. */
  private CompletableFuture<Object> completion;

  /** Under the monitor: the outcome is final and the end actions ran; joiners may return. */
  private boolean published;

  /** Under the monitor: actions to run when the task ends (see {@link #onEnd}). */
  private List<EndAction> endActions;

  // ---- owner-thread fields

  /** Owner (and the spawner, before start): task-local values by {@link TaskLocalSlots} index. */
  Object[] locals;

  /** Owner: bookkeeping for the TaskEnd event, when it is enabled at start. */
  Object endEvent;

  /** Owner: bytes allocated by the thread when the task started, or -1. */
  long allocatedAtStart = -1;

  /** Owner: the failure is rethrown to whoever ran the task (hand-offs), so it is not printed. */
  boolean failureGoesToCaller;

  /**
   * Set before the task is published: the user did not mark this task (the implicit root {@code
   * main}, work handed off from a task). A failure that starts at an unmarked task does not kill
   * its unmarked children, nor refuse them (DESIGN §8); see {@link LinkedFailure#spares}.
   */
  boolean unmarked;

  /** The counts of the scheduler that runs the task, or null (synchronous and hand-off tasks). */
  SchedulerLoad load;

  /**
   * The kernel's own work (an at_exit handler): live, but neither strong nor weak in the kernel's
   * counts, so a handler reading them sees the application's tasks only. Set before admission.
   */
  boolean kernelWork;

  /**
   * Owner: the counts of inline tasks on this task's thread, or null until an inline child (or this
   * task, if inline) needed them; see {@link InlineTaskCounts}.
   */
  InlineTaskCounts.Cell inlineCounts;

  /** Owner: this task is counted in {@link #inlineCounts}, not in the kernel's shared counters. */
  boolean countedInline;

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

  /** Live-task snapshots only: wall-clock ms of the first snapshot that listed the task, else 0. */
  long listedSinceMillis;

  /** Owner: what was bound to the thread before an inline (agent-rewritten) task began. */
  TaskContext previousBinding;

  /** Owner, between {@link #completeLocked} and {@link #afterComplete}: what the end must do. */
  private List<EndAction> endingActions;

  private CompletableFuture<Object> endingCompletion;
  private boolean endingClearsInterrupt;
  private boolean endedAsLeaf;

  /** The name of this task's hand-off children, made on first use (a racy but idempotent cache). */
  private String handoffChildName;

  private static final VarHandle STATE;
  private static final VarHandle OUTCOME;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(TaskContext.class, "state", TaskState.class);
      OUTCOME = lookup.findVarHandle(TaskContext.class, "outcome", TaskState.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

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
    super(id, name, parent, mode, weak, synchronous, stackLimit, stackSegment);
    this.schedulerName = schedulerName;
    this.env = env;
    STATE.set(this, TaskState.RUNNING); // plain: see the field
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

  @Override
  public long parentId() {
    return parent == null ? 0 : parent.id;
  }

  /** The spawn mode the task was created with. */
  @Override
  public SpawnMode mode() {
    return mode;
  }

  @Override
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
      throw new IllegalStateException(label() + " cannot join itself");
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
              label() + " still running after " + Duration.ofNanos(timeoutNanos));
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
    throw new TaskFailedException(label() + " " + verb, failure);
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
   * Whether anyone asked for the outcome ({@link #join}, {@link #toFuture}); see {@link
   * TaskSubtree}.
   */
  boolean outcomeAsked() {
    synchronized (this) {
      return completion != null;
    }
  }

  /**
   * Whether the task is on its way out: its body has ended, or a kill came; see {@link
   * TaskSubtree}.
   */
  boolean ending() {
    synchronized (this) {
      return finishing || killRequested;
    }
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

  // ---------------------------------------------------------------- lifecycle (owner)

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
    leaveTree(leaf);
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
}
