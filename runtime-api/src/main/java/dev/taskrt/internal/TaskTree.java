package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import dev.taskrt.internal.jfr.Events;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Not API. The bottom layer of a {@link TaskContext}: who the task is, where it sits in the task
 * tree, and the kill protocol that travels along the tree. {@link TaskStack} extends it with stack
 * accounting and {@link TaskContext} with the lifecycle and the handle; a task is one object, so
 * every layer reads the others' fields directly.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Kills.</b> {@link #kill} runs on any thread. Under this object's monitor it records the
 * cause and sets the volatile {@link #killRequested}; then it propagates to relatives (see {@link
 * LinkedFailure}), and only then, under the monitor again, interrupts the owner thread unless the
 * task is shielded (inside {@code unkillable} or a foreign call, see {@link #shield}) or has ended,
 * and unparks it: children are flagged before a blocked parent wakes and unwinds. The owner sees
 * the flag at its next checkpoint. Interrupts are sent under the monitor and the owner unbinds its
 * thread under the same monitor, so an interrupt never lands on a pooled thread's next task; the
 * pool clears any interrupt left between tasks.
 *
 * <p><b>Kill or end, decided once.</b> Under the monitor, the owner sets {@link #finishing} when
 * the body has ended ({@link #finishBody}); a kill that got the monitor first makes the task KILLED
 * even if the body then returned, and a kill that comes later is ignored. {@link #failing} (the
 * task's failure is being handled) and {@link #ended} also make kills and new children be ignored
 * or refused.
 *
 * <p><b>Tree.</b> Each task links its live children in an intrusive list guarded by its own
 * monitor. A task that ended stays linked under its parent while it still has live descendants, so
 * a supervising ancestor's failure still reaches a grandchild whose parent already ended; an ended
 * task that left the tree and then takes a child (work a pool runs for it after it ended) rejoins
 * its parent's list, and so does each ended ancestor that left ({@link #rejoin}); a kill of the
 * nearest live ancestor that went down before the child was linked is then delivered to the child
 * ({@link #deliverKillFromAbove}). A synchronous child running on its parent's thread is not in the
 * list: the parent points at it from the volatile {@link #syncChild} (see {@link #adopt}), and when
 * it ends it is linked before it stops being the sync child, so a killer always finds it in one of
 * the two. Only {@link #releaseRunningHere} and {@link #rejoin} hold several monitors, always a
 * child's before its parent's, and no code takes them the other way round; no event is committed
 * while a monitor is held.
 */
public abstract class TaskTree {
  private static final VarHandle SYNC_CHILD;

  static {
    try {
      SYNC_CHILD =
          MethodHandles.lookup().findVarHandle(TaskTree.class, "syncChild", TaskContext.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // ---- identity (final, safe to read from any thread)

  /** The task's id, unique in the JVM. */
  public final long id;

  /** The task's name. */
  public final String name;

  final TaskContext parent;
  final SpawnMode mode;
  final boolean weak;
  final boolean synchronous;

  // ---- kill protocol

  /** Set once by {@link #kill}; read at every checkpoint. */
  volatile boolean killRequested;

  /** Whether a kill decided the outcome; written by the owner in {@link #finishBody}. */
  private boolean killDecided;

  /** Why the task was killed; null for a plain cancellation. Written before killRequested. */
  private Throwable killCause;

  /** The task whose failure killed this one, or null. Written before killRequested. */
  private TaskContext killSource;

  private boolean killIsCancel;

  /** Under the monitor: the body has ended and the outcome is being decided; kills are ignored. */
  boolean finishing;

  /** Under the monitor: the task has ended (outcome final, thread unbound). */
  boolean ended;

  /** Under the monitor: the task's failure is being handled; kills are ignored. */
  boolean failing;

  /** Under the monitor: how many unkillable or foreign sections the owner is inside. */
  private int shield;

  /** Under the monitor: the thread running the task, null before start and after end. */
  Thread thread;

  /** Under the monitor: an interrupt was delivered to {@link #thread} by a kill. */
  boolean interruptSent;

  /** Owner: true while hooks run after a failure; kills are ignored meanwhile. */
  boolean unwinding;

  // ---- tree (guarded by this object's monitor)

  /** The synchronous child running on this task's thread now, or null; see {@link #adopt}. */
  volatile TaskContext syncChild;

  /** Owner: the parent's previous {@link #syncChild}, restored when this one ends. */
  TaskContext outerSyncSibling;

  TaskContext firstChild;
  TaskContext nextSibling;
  TaskContext prevSibling;

  /** Under the registry stripe's monitor: neighbours in the kernel's {@link LiveTaskRegistry}. */
  TaskContext registryPrev;

  TaskContext registryNext;

  TaskTree(
      long id, String name, TaskContext parent, SpawnMode mode, boolean weak, boolean synchronous) {
    this.id = id;
    this.name = name;
    this.parent = parent;
    this.mode = mode;
    this.weak = weak;
    this.synchronous = synchronous;
  }

  /** {@code task 'name' (#id)}: how every message names this task. */
  public final String label() {
    return label("task");
  }

  /** {@code <role> 'name' (#id)}, such as {@code parent 'main' (#1)}. */
  public final String label(String role) {
    return role + " '" + name + "' (#" + id + ")";
  }

  /** This task as the whole it is a layer of ({@link TaskContext} is the only subclass). */
  final TaskContext self() {
    return (TaskContext) this;
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
        killFlagged(); // after the flag: see TaskStack#resetWatermark
      }
    }
    if (alive && source != null) {
      Events.linkedFailure(source, via, self(), cause);
    }
    // Relatives first, then this task's own thread: a parent woken by the kill may release what
    // its children still use (close a server, a file) as it unwinds, and a child flagged before
    // that ends KILLED rather than failing on the closed resource. (A parent that is running, not
    // blocked, can still meet its flag at a checkpoint before its children are flagged.)
    LinkedFailure.afterKill(self(), cause, source, cancel, alive, spareWeak);
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

  /** A kill is pending: throws it unless the task is unwinding, shielded or finishing. */
  /** A kill was flagged (under the monitor, after {@link #killRequested}); any thread. */
  abstract void killFlagged();

  final void checkpointSlow() {
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
      why = "linked " + killSource.label() + " failed";
    } else {
      why = "killed by the runtime";
    }
    return new TaskKilledError(label() + " was killed: " + why, killCause);
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
    boolean afterEnd;
    synchronized (this) {
      if ((killRequested || failing) && !sparesOnAdoption(child)) {
        return false;
      }
      if (ended && child.synchronous) {
        return false;
      }
      link(child);
      afterEnd = ended;
      if (afterEnd) {
        rejoin(this, parent); // work handed off after this task ended: see rejoin
      }
    }
    if (afterEnd) {
      deliverKillFromAbove(child);
    }
    return true;
  }

  /**
   * After this ended task took {@code child} (work handed off after it ended) and rejoined the
   * tree: a kill of its nearest live ancestor that travelled down before the child was linked
   * missed it, so it is delivered to the child now, if on its way down it would have reached it (it
   * does not go to an unlinked task, nor a linked failure from an unmarked task through unmarked
   * ones, as {@code LinkedFailure} sends it; a weak child is left to the exit sequence). Either
   * this sees the ancestor's flag, set before its kill travels, or that kill, travelling after the
   * link, finds the child; a second delivery is a no-op. Takes one monitor at a time, after the
   * adopting monitor is released.
   */
  private void deliverKillFromAbove(TaskContext child) {
    if (child.weak) {
      return;
    }
    List<TaskContext> path = new ArrayList<>();
    path.add(child);
    TaskContext live = self();
    while (true) {
      path.add(live);
      synchronized (live) {
        if (!live.ended) {
          break;
        }
      }
      live = live.parent;
      if (live == null) {
        return;
      }
    }
    Throwable cause;
    TaskContext source;
    boolean cancel;
    TaskTree above = live; // its kill's fields are private to this class
    synchronized (above) {
      if (!above.killRequested) {
        return;
      }
      cause = above.killCause;
      cancel = above.killIsCancel;
      source = cancel ? null : above.killSource;
    }
    for (int i = path.size() - 1; i > 0; i--) {
      TaskContext via = path.get(i);
      TaskContext next = path.get(i - 1);
      if (next.mode == SpawnMode.UNLINKED || (!cancel && LinkedFailure.spares(via, next, source))) {
        return;
      }
    }
    child.kill(cause, source, cancel ? null : self(), cancel);
  }

  /**
   * Under {@code node}'s monitor, when {@code node} has ended and just took a child (work handed
   * off after its task ended): puts it back in {@code up}'s list if it left it (it ended, or later
   * became, childless), and each ended ancestor likewise, so that a kill of a live ancestor still
   * reaches the new child. Monitors are taken from the task up, as {@link #releaseRunningHere}
   * does; {@link #leaveTreeIfDone} takes one at a time and, under the parent's monitor, keeps a
   * task that has a child again, so either it sees the new child or this sees the task gone.
   */
  private static void rejoin(TaskTree node, TaskContext up) {
    while (up != null) {
      TaskTree above = up;
      synchronized (above) {
        if (above.holds(node)) {
          return;
        }
        above.link(node.self());
        if (!above.ended) {
          return;
        }
      }
      node = up;
      up = up.parent;
    }
  }

  /** Under this task's monitor: whether {@code child} is in this task's list of children. */
  private boolean holds(TaskTree child) {
    return child.prevSibling != null || firstChild == child;
  }

  /**
   * Under the monitor, with a kill or failure under way: whether that kill would spare {@code
   * child} (an unmarked child of an unmarked task, and a failure that started at an unmarked task),
   * so the group's failure does not refuse it either.
   */
  private boolean sparesOnAdoption(TaskContext child) {
    TaskContext source = killRequested ? (killIsCancel ? null : killSource) : self();
    return LinkedFailure.spares(self(), child, source);
  }

  private void link(TaskContext child) {
    child.nextSibling = firstChild;
    if (firstChild != null) {
      firstChild.prevSibling = child;
    }
    firstChild = child;
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
  void releaseRunningHere(TaskContext child, boolean wasLeaf) {
    // Linked first, then no longer the sync child: a killer reads syncChild and then the children
    // without a lock between them, so the child must be in one of the two at every moment, or a
    // kill of this task in between would miss its live descendants (childrenSnapshot lists it
    // once even if it is in both). A sync child with no children when it ended needs no link: any
    // spawned later would be refused (it is ended).
    if (!wasLeaf) {
      synchronized (child) {
        if (child.firstChild != null) {
          synchronized (this) {
            if (!holds(child)) { // work handed off after it ended may have linked it already
              link(child);
            }
          }
        }
      }
    }
    SYNC_CHILD.setRelease(this, child.outerSyncSibling); // a killer that still sees it is harmless
    child.outerSyncSibling = null;
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
   * The task has ended: a synchronous child running on its parent's thread stops being the parent's
   * {@link #syncChild}; a task with no linked children left leaves the tree.
   *
   * @param wasLeaf whether it had no linked children when it ended
   */
  final void leaveTree(boolean wasLeaf) {
    // Whether or not it is in the parent's list: work handed off after it ended may have linked
    // it there already (see rejoin).
    if (parent != null && synchronous && parent.syncChild == this) {
      parent.releaseRunningHere(self(), wasLeaf);
    } else if (wasLeaf) {
      leaveTreeIfDone();
    }
  }

  /**
   * Called when this task has ended with no linked children: unlinks it from its parent, and then
   * each ended ancestor that this leaves without children, so the tree holds live tasks and the
   * ended tasks between them only.
   */
  private void leaveTreeIfDone() {
    TaskTree node = this;
    TaskContext up = parent;
    while (up != null) {
      boolean upDone;
      synchronized (up) {
        if (node.firstChild != null) {
          return; // it took a child since it was found childless (see rejoin): it stays
        }
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

  // ---------------------------------------------------------------- thread and outcome (owner)

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
    return finishBody(bodyFailure, false);
  }

  /**
   * As {@link #finishBody(Throwable)}; with {@code bodyDecides}, a kill that the body did not meet
   * (it returned, or threw an exception of its own) does not decide the outcome: the body's does.
   * For work the application handed off and nobody marked (DESIGN §8): a kill that arrives after
   * such work has done its part (the kernel's exit cancelling weak tasks, say) must not replace its
   * result or its exception in the executor that ran it.
   */
  Throwable finishBody(Throwable bodyFailure, boolean bodyDecides) {
    boolean killed;
    synchronized (this) {
      finishing = true;
      killed = killRequested && !bodyDecides;
      killDecided = killed;
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
    return killDecided;
  }

  /** Marks the task failing after its body returned and a defer hook threw. */
  void markFailing() {
    synchronized (this) {
      failing = true;
    }
  }

  /** The task whose failure killed this one (the first to fail), or null; for tracing bridges. */
  synchronized TaskContext killSource() {
    return killSource;
  }

  /** Whether the kill this task got was a cancellation ({@code kill()} or shutdown). */
  synchronized boolean wasCancelled() {
    return killRequested && killIsCancel;
  }
}
