package dev.taskrt.internal.pipe;

import dev.taskrt.TaskState;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLocalSlots;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Not API. The pipes whose chan one task holds, so that the task's end can close them.
 *
 * <p>Kept in a task-local slot of the task and touched only by the task's own thread: a task joins
 * a pipe's holders when it makes or sends on it (its own thread), lets go by closing the chan (its
 * own thread), and its end action runs on its thread too. A pipe that another task took over, or
 * that ended, stays listed until a sweep (when the list has doubled since the last one) or the
 * task's end; its {@link PipeCore#holderEnded} (or {@link PipeCore#makerEnded}) then does nothing.
 *
 * <p><b>Two lists.</b> The pipes a task made are chained through their own {@link
 * PipeCore#nextMade} field ({@link #made}): making a pipe in a task, which a task answering
 * requests with oneshots does once per request, costs two field writes and no hashing (an {@code
 * IdentityHashMap} entry asked the JVM for the new pipe's identity hash, and its sweeps removed
 * entries one by one: about 80 ns per oneshot). A pipe has one maker, so it is in at most one such
 * chain. The pipes a task holds as a sender (or owner) are in {@link #held}, a set made on first
 * need, since a shared pipe asks whether its sender is already a holder.
 */
final class OwnedPipes implements TaskContext.EndAction {
  /** The task-local slot (not inherited) that holds a task's lists. */
  private static final int SLOT = TaskLocalSlots.allocate(false);

  /** The smallest size at which a sweep of pipes no longer held starts. */
  private static final int FIRST_SWEEP = 32;

  /** Pipes the task holds as a sender or owner; null until the first. */
  private IdentityHashMap<PipeCore<?>, Boolean> held;

  private int heldSweepAt = FIRST_SWEEP;

  /** The last pipe the task made; earlier ones follow through {@link PipeCore#nextMade}. */
  private PipeCore<?> made;

  private int madeCount;
  private int madeSweepAt = FIRST_SWEEP;

  private OwnedPipes() {}

  /** The calling thread's task's lists, made on first need. */
  private static OwnedPipes forTask(TaskContext task) {
    OwnedPipes owned = of(task);
    if (owned == null) {
      owned = new OwnedPipes();
      TaskLocalSlots.write(task, SLOT, owned);
      task.onEnd(owned);
    }
    return owned;
  }

  /** Records that {@code task}, the calling thread's task, made {@code pipe} and holds it. */
  static void made(TaskContext task, PipeCore<?> pipe) {
    forTask(task).addMade(pipe);
  }

  /**
   * Records that {@code task}, the calling thread's task, holds {@code pipe}.
   *
   * @return true if it was not listed yet
   */
  static boolean hold(TaskContext task, PipeCore<?> pipe) {
    return forTask(task).add(task, pipe);
  }

  /** Whether {@code task}, the calling thread's task, lists {@code pipe} as held. */
  static boolean holds(TaskContext task, PipeCore<?> pipe) {
    OwnedPipes owned = of(task);
    return owned != null && owned.held != null && owned.held.containsKey(pipe);
  }

  /** Removes {@code pipe} from the calling task's held list; true if it was listed. */
  static boolean release(TaskContext task, PipeCore<?> pipe) {
    OwnedPipes owned = of(task);
    return owned != null && owned.held != null && owned.held.remove(pipe) != null;
  }

  private static OwnedPipes of(TaskContext task) {
    return (OwnedPipes) TaskLocalSlots.read(task, SLOT);
  }

  private void addMade(PipeCore<?> pipe) {
    pipe.nextMade = made;
    made = pipe;
    if (++madeCount >= madeSweepAt) {
      sweepMade();
    }
  }

  /** Unchains the pipes whose maker no longer holds them (sent on, owned, answered or ended). */
  private void sweepMade() {
    PipeCore<?> kept = null;
    int count = 0;
    PipeCore<?> next;
    for (PipeCore<?> pipe = made; pipe != null; pipe = next) {
      next = pipe.nextMade;
      if (pipe.isHeldByMaker()) {
        pipe.nextMade = kept;
        kept = pipe;
        count++;
      } else {
        pipe.nextMade = null;
      }
    }
    made = kept;
    madeCount = count;
    madeSweepAt = Math.max(FIRST_SWEEP, count * 2);
  }

  private boolean add(TaskContext task, PipeCore<?> pipe) {
    if (held == null) {
      held = new IdentityHashMap<>();
    }
    if (held.put(pipe, Boolean.TRUE) != null) {
      return false;
    }
    if (held.size() >= heldSweepAt) {
      held.keySet().removeIf(p -> p != pipe && !p.isHeldBy(task));
      heldSweepAt = Math.max(FIRST_SWEEP, held.size() * 2);
    }
    return true;
  }

  @Override
  public void taskEnded(TaskContext task, TaskState outcome, Throwable failure) {
    PipeCore<?> next;
    for (PipeCore<?> pipe = made; pipe != null; pipe = next) {
      next = pipe.nextMade;
      pipe.nextMade = null;
      pipe.makerEnded(task, outcome, failure);
    }
    made = null;
    madeCount = 0;
    if (held != null) {
      List<PipeCore<?>> ended = new ArrayList<>(held.keySet());
      held.clear();
      for (PipeCore<?> pipe : ended) {
        pipe.holderEnded(task, outcome, failure);
      }
    }
  }
}
