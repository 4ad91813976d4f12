package dev.taskrt.internal.pipe;

import dev.taskrt.TaskState;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Not API. {@code Pipes.shared(capacity)}: a bounded pipe with many senders. Every task that sends
 * on it becomes one of its holders; the pipe stays open while any holder's task lives and has not
 * closed its part, and ends when the last one lets go.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Holders.</b> {@link #holders} counts the tasks holding the chan; it starts at 0 (open, no
 * sender yet), goes up by CAS when a task first sends, down when a holder ends or closes its part,
 * and from 1 straight to {@link #ENDED} (-1), after which nobody can join: the CAS that takes the
 * last holder away is the one that ends the pipe, so a late sender either joined before (and keeps
 * the pipe open) or finds it ended. Which tasks hold the pipe is kept by each task itself in its
 * {@link OwnedPipes} (touched only by that task's thread), so a send checks membership with no
 * shared write; {@link #lastSender} is a racy hint that skips even that lookup when one task sends
 * many messages in a row. The hint is written and cleared only by the task it names, so that task
 * reads back its own latest write; any other value just takes the slower path.
 *
 * <p><b>Failures.</b> A holder that ends FAILED or KILLED does not end the pipe while others hold
 * it; the first such failure is kept in {@link #failure} and, when the last holder lets go, the
 * pipe ends broken with it, so the receiver learns that a sender's messages may be missing.
 *
 * <p>Code outside any task sends without holding. A close from a task that does not hold the chan,
 * or from outside any task, ends the pipe for every sender at once.
 */
public final class SharedPipe<T> extends RingPipe<T> {
  private static final int ENDED = -1;
  private static final VarHandle HOLDERS;
  private static final VarHandle FAILURE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HOLDERS = lookup.findVarHandle(SharedPipe.class, "holders", int.class);
      FAILURE = lookup.findVarHandle(SharedPipe.class, "failure", End.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Tasks holding the chan; {@link #ENDED} once the last one let go. */
  private volatile int holders;

  /** The first holder's failure, as the end it would have given; null if none failed. */
  private volatile End failure;

  /** The task that last sent here: a hint, see the design notes. */
  private TaskContext lastSender;

  private SharedPipe(int capacity) {
    super(capacity);
  }

  /** A new shared pipe; no task holds it until one sends. */
  public static <T> SharedPipe<T> make(int capacity) {
    return new SharedPipe<>(capacity);
  }

  @Override
  int senderSpins() {
    return Waiting.SHARED_SENDER_SPINS;
  }

  @Override
  boolean cachesSenderCell() {
    return false;
  }

  @Override
  String kind() {
    return "shared";
  }

  @Override
  void noteSender(TaskContext task) {
    if (lastSender != task) {
      join(task);
    }
  }

  private void join(TaskContext task) {
    if (OwnedPipes.hold(task, this)) {
      int count;
      do {
        count = holders;
        if (count == ENDED) {
          return; // the send that follows finds the pipe closed
        }
      } while (!HOLDERS.compareAndSet(this, count, count + 1));
    }
    lastSender = task;
  }

  @Override
  public void takenBy(TaskContext owner) {
    join(owner);
  }

  @Override
  boolean isHeldBy(TaskContext task) {
    return holders != ENDED && !portClosed && OwnedPipes.holds(task, this);
  }

  @Override
  void holderEnded(TaskContext task, TaskState outcome, Throwable cause) {
    if (outcome != TaskState.DONE) {
      End how = End.taskEnded(task, outcome, cause);
      FAILURE.compareAndSet(this, (End) null, how);
    }
    letGo();
  }

  @Override
  void closeChan() {
    TaskContext task = CurrentTask.get();
    if (task != null && OwnedPipes.release(task, this)) {
      if (lastSender == task) {
        lastSender = null;
      }
      letGo();
    } else {
      holders = ENDED;
      endSending(End.closedBySender());
    }
  }

  private void letGo() {
    int count;
    do {
      count = holders;
      if (count <= 0) {
        return;
      }
    } while (!HOLDERS.compareAndSet(this, count, count == 1 ? ENDED : count - 1));
    if (count == 1) {
      End failed = failure;
      endSending(failed == null ? End.everySenderDone() : End.sharedAfterFailure(failed));
    }
  }
}
