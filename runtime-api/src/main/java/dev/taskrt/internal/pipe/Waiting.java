package dev.taskrt.internal.pipe;

import dev.taskrt.TaskState;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.jfr.Events;
import java.util.concurrent.locks.LockSupport;

/**
 * Not API. The one wait loop behind every blocking pipe operation: a short spin, then parking in
 * the pipe's wait lists, as a kill checkpoint that reports the task BLOCKED and times long waits
 * with a {@code taskrt.PipeBlocked} event.
 *
 * <h2>Design notes</h2>
 *
 * <p>The caller has already tried once. {@link #await} spins for {@link #RECEIVER_SPINS} more
 * tries, since on a machine with a free core the other side often acts within a microsecond and a
 * park/unpark round trip costs tens. Then it checkpoints, marks the task BLOCKED and loops: add
 * this thread to every wait list, try again (the re-check that pairs with the other side's volatile
 * store, see {@link WaitList}), park, and after every wake-up checkpoint if a kill is pending. A
 * kill sets the task's flag, unparks and interrupts it; the interrupt is cleared here and the
 * checkpoint throws {@code TaskKilledError}. Inside an unkillable section the checkpoint returns
 * and the wait goes on. A plain interrupt (no kill) does not end the wait: it is remembered and
 * restored on the way out, so park does not spin on a set interrupt flag. The PipeBlocked event
 * starts only when the thread is about to park for the first time.
 */
final class Waiting {
  /** Extra tries, with a spin-wait hint between them, before a receiver parks. */
  static final int RECEIVER_SPINS = 64;

  /**
   * Extra tries before a stream's sender parks on a full pipe. Short: its one receiver needs the
   * processor more than the sender needs to skip a park (measured in PERFORMANCE.md).
   */
  static final int STREAM_SENDER_SPINS = 64;

  /**
   * Extra tries before a shared pipe's sender parks on a full pipe (about a hundred microseconds).
   * With several senders on a full pipe, a park for each sender and an unpark, on the receiver's
   * thread, for every slot it frees cost several times the message; spinning longer keeps senders
   * off the wait list while other senders keep the pipe full. Yielding instead was worse on a
   * loaded machine.
   */
  static final int SHARED_SENDER_SPINS = 1024;

  /** One try at the operation: a non-null result ends the wait; it may throw to end it too. */
  interface Attempt {
    Object attempt();
  }

  /** Timeouts this long or longer (about 146 years) wait without a limit: no deadline overflow. */
  private static final long UNLIMITED = Long.MAX_VALUE / 2;

  private Waiting() {}

  /** Nanoseconds of {@code timeout}: 0 for negative, -1 (no limit) for very long ones. */
  static long nanos(java.time.Duration timeout) {
    if (timeout.isNegative()) {
      return 0L;
    }
    if (timeout.compareTo(java.time.Duration.ofNanos(UNLIMITED)) >= 0) {
      return -1L;
    }
    return timeout.toNanos();
  }

  /**
   * Waits until {@code attempt} gives a result, the timeout passes, or the task is killed.
   *
   * @param timeoutNanos how long to wait, or a negative number to wait without a limit
   * @param lists the wait lists whose wake-ups can make {@code attempt} succeed
   * @param pipe the pipe waited on, for the event and as the park blocker; null for a select
   * @return the attempt's result, or null on timeout
   */
  static Object await(
      Attempt attempt, long timeoutNanos, WaitList[] lists, PipeCore<?> pipe, String operation) {
    for (int i = 0; i < RECEIVER_SPINS; i++) {
      Thread.onSpinWait();
      Object result = attempt.attempt();
      if (result != null) {
        return result;
      }
    }
    if (timeoutNanos == 0) {
      return null;
    }
    return park(attempt, timeoutNanos, lists, pipe, operation, false);
  }

  /**
   * Waits for space on a full pipe until {@code attempt} sends, or the task is killed. Senders are
   * woken one per freed slot; one that leaves without sending passes its wake-up on.
   */
  static Object awaitSpace(Attempt attempt, int spins, WaitList senders, PipeCore<?> pipe) {
    for (int i = 0; i < spins; i++) {
      Thread.onSpinWait();
      Object result = attempt.attempt();
      if (result != null) {
        return result;
      }
    }
    return park(attempt, -1L, new WaitList[] {senders}, pipe, "send", true);
  }

  private static Object park(
      Attempt attempt,
      long timeoutNanos,
      WaitList[] lists,
      PipeCore<?> pipe,
      String operation,
      boolean wokenOneAtATime) {
    boolean timed = timeoutNanos > 0;
    long deadline = timed ? System.nanoTime() + timeoutNanos : 0L;
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.checkpoint();
    }
    Thread me = Thread.currentThread();
    TaskState before = task == null ? null : task.block(operation, pipe);
    Object event = null;
    boolean eventStarted = false;
    boolean interrupted = false;
    boolean done = false;
    try {
      while (true) {
        for (WaitList list : lists) {
          list.add(me);
        }
        Object result = attempt.attempt();
        if (result != null) {
          done = true;
          return result;
        }
        if (!eventStarted) {
          eventStarted = true;
          event = Events.pipeBlockedBegin();
        }
        if (timed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return null;
          }
          LockSupport.parkNanos(pipe, left);
        } else {
          LockSupport.park(pipe);
        }
        if (wokenOneAtATime) {
          for (WaitList list : lists) {
            list.wokenUp(); // before the re-check: see WaitList's notes
          }
        }
        if (Thread.interrupted()) {
          if (task != null && task.isKillRequested()) {
            task.checkpoint(); // returns only inside an unkillable section
          } else {
            interrupted = true;
          }
        } else if (task != null && task.isKillRequested()) {
          task.checkpoint();
        }
      }
    } finally {
      for (WaitList list : lists) {
        if (wokenOneAtATime) {
          list.leaveWokenOneAtATime(me, done);
        } else {
          list.remove(me);
        }
      }
      if (task != null) {
        task.unblock(before);
      }
      if (eventStarted) {
        Events.pipeBlockedEnd(event, task, pipe == null ? 0 : pipe.id(), operation);
      }
      if (interrupted) {
        me.interrupt();
      }
    }
  }
}
