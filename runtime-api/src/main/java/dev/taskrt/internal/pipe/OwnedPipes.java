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
 * task's end; its {@link PipeCore#holderEnded} then does nothing.
 */
final class OwnedPipes implements TaskContext.EndAction {
  /** The task-local slot (not inherited) that holds a task's list. */
  private static final int SLOT = TaskLocalSlots.allocate(false);

  /** The smallest size at which a sweep of pipes no longer held starts. */
  private static final int FIRST_SWEEP = 32;

  private final IdentityHashMap<PipeCore<?>, Boolean> pipes = new IdentityHashMap<>();
  private int sweepAt = FIRST_SWEEP;

  private OwnedPipes() {}

  /**
   * Records that {@code task}, the calling thread's task, holds {@code pipe}.
   *
   * @return true if it was not listed yet
   */
  static boolean hold(TaskContext task, PipeCore<?> pipe) {
    OwnedPipes owned = of(task);
    if (owned == null) {
      owned = new OwnedPipes();
      TaskLocalSlots.write(task, SLOT, owned);
      task.onEnd(owned);
    }
    return owned.add(task, pipe);
  }

  /** Whether {@code task}, the calling thread's task, lists {@code pipe}. */
  static boolean holds(TaskContext task, PipeCore<?> pipe) {
    OwnedPipes owned = of(task);
    return owned != null && owned.pipes.containsKey(pipe);
  }

  /** Removes {@code pipe} from the calling task's list; true if it was listed. */
  static boolean release(TaskContext task, PipeCore<?> pipe) {
    OwnedPipes owned = of(task);
    return owned != null && owned.pipes.remove(pipe) != null;
  }

  private static OwnedPipes of(TaskContext task) {
    return (OwnedPipes) TaskLocalSlots.read(task, SLOT);
  }

  private boolean add(TaskContext task, PipeCore<?> pipe) {
    if (pipes.put(pipe, Boolean.TRUE) != null) {
      return false;
    }
    if (pipes.size() >= sweepAt) {
      pipes.keySet().removeIf(p -> p != pipe && !p.isHeldBy(task));
      sweepAt = Math.max(FIRST_SWEEP, pipes.size() * 2);
    }
    return true;
  }

  @Override
  public void taskEnded(TaskContext task, TaskState outcome, Throwable failure) {
    List<PipeCore<?>> held = new ArrayList<>(pipes.keySet());
    pipes.clear();
    for (PipeCore<?> pipe : held) {
      pipe.holderEnded(task, outcome, failure);
    }
  }
}
