package dev.taskrt.internal.pipe;

import java.util.concurrent.locks.LockSupport;

/**
 * Not API. The threads parked waiting for one side of a pipe (receivers for a message, senders for
 * space), and the wake-up that the other side sends.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Fast path.</b> The side that makes progress (a send, a receive, a close) reads {@link
 * #count}, one volatile load, and does nothing more when it is zero: no lock, no allocation.
 *
 * <p><b>Hand-off without lost wake-ups.</b> A waiter {@link #add}s itself (a volatile write of
 * {@link #count}), then re-checks the pipe (volatile loads) before it parks. The other side changes
 * the pipe (a volatile store) and then reads {@link #count}. Volatile accesses are totally ordered,
 * so either the waiter's re-check sees the change or the other side sees the waiter and unparks it;
 * LockSupport keeps an unpark that comes before the park.
 *
 * <p><b>Wake all, or one.</b> {@link #wakeAll} detaches every waiter and unparks each one; a woken
 * waiter re-checks and adds itself again if there is still nothing for it. Receivers are woken all
 * at once: a receiver that leaves without taking what it was woken for (a timeout, a kill, a select
 * that took another port's message) then never strands a message while another sleeps. A freed slot
 * is for one sender only, so senders on a full pipe are woken one per slot ({@link #wakeOne}),
 * sparing a herd of senders racing for one slot on a busy machine; a sender that was woken and
 * leaves without sending (a kill) wakes the next one. Ends wake everyone. A thread waiting in a
 * select is in several lists at once; a stale entry costs at most a spurious unpark, which every
 * park loop tolerates.
 *
 * <p><b>One wake-up in flight (senders).</b> Waking a sender costs an unpark on the waker's thread,
 * and on a busy pipe the waker is the receiver, the pipe's bottleneck. So a freed slot wakes a
 * sender only if no sender woken earlier is still on its way back ({@link #wakeOneUnlessPending}):
 * {@link #wakeOne} sets {@link #wakePending} when it detaches a thread, and that thread clears it
 * ({@link #wokenUp}) as soon as it runs again, before it re-checks the pipe, or on its way out if
 * it leaves. A sender that got in then passes the turn on if there is still room and someone waits,
 * as {@code LinkedBlockingQueue}'s putters signal each other. Nothing is lost: the waker frees a
 * slot (a volatile store) and then reads the flag; the woken thread clears the flag and then
 * re-checks the ring and, after its send, the room left. Either the waker reads the cleared flag
 * and wakes a sender itself, or the woken thread sees the freed slot. The flag is only set while a
 * detached thread exists to clear it, and that thread clears it on every way out of its wait
 * ({@link #leaveWokenOneAtATime}), whether or not it is still listed: a sender that ran again
 * without being detached (a spurious wake-up, an unpark left over from an earlier wait), cleared
 * the flag, was detached before it listed itself again and then got in leaves listed, and used to
 * leave the flag set with nobody coming back, so that every later freed slot woke no one. For the
 * same reason {@link #wakeOne} sets the flag before it lowers {@link #count}: a leaving waiter that
 * learns from the count alone that it was taken off the list then finds the flag set. A stale clear
 * only allows an extra wake-up.
 *
 * <p><b>Locking.</b> The list itself is guarded by this object's monitor, taken only by threads
 * about to park, leaving a wait, or waking waiters. Unparks happen outside the monitor.
 */
final class WaitList {
  private static final Thread[] NONE = new Thread[0];

  /** Threads in the list; read without the monitor by the fast path. */
  private volatile int count;

  /** Whether a thread detached by {@link #wakeOne} has not run again yet (see the notes). */
  private volatile boolean wakePending;

  /** Guarded by this: the waiting threads, {@code count} of them. */
  private Thread[] threads = NONE;

  /** Whether any thread waits (the fast-path check). */
  boolean hasWaiters() {
    return count != 0;
  }

  /** Adds the calling thread; it must re-check the pipe before parking. */
  void add(Thread thread) {
    synchronized (this) {
      int n = count;
      for (int i = 0; i < n; i++) {
        if (threads[i] == thread) {
          return;
        }
      }
      if (n == threads.length) {
        Thread[] grown = new Thread[Math.max(4, n * 2)];
        System.arraycopy(threads, 0, grown, 0, n);
        threads = grown;
      }
      threads[n] = thread;
      count = n + 1;
    }
  }

  /**
   * Removes {@code thread} if it is still listed.
   *
   * @return true if it was listed, false if a wake-up had already taken it off the list
   */
  boolean remove(Thread thread) {
    if (count == 0) {
      return false;
    }
    synchronized (this) {
      int n = count;
      for (int i = 0; i < n; i++) {
        if (threads[i] == thread) {
          threads[i] = threads[n - 1];
          threads[n - 1] = null;
          count = n - 1;
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Detaches and unparks one waiting thread. For a wait that one event satisfies for one thread
   * only (a freed slot); the woken thread passes the wake-up on if it leaves without using it (see
   * {@link Waiting}).
   */
  void wakeOne() {
    Thread woken;
    synchronized (this) {
      int n = count;
      if (n == 0) {
        return;
      }
      woken = threads[0];
      threads[0] = threads[n - 1];
      threads[n - 1] = null;
      // The flag before the count: a leaving waiter that finds itself off the list through the
      // count alone (remove's fast path) must then find the flag set, to clear it.
      wakePending = true;
      count = n - 1;
    }
    LockSupport.unpark(woken);
  }

  /** {@link #wakeOne}, unless a thread it woke earlier has not run again yet. */
  void wakeOneUnlessPending() {
    if (!wakePending) {
      wakeOne();
    }
  }

  /**
   * Called by a waiter woken one at a time as soon as it runs again (and by one that leaves after
   * being detached): the wake-up is no longer pending.
   */
  void wokenUp() {
    if (wakePending) {
      wakePending = false;
    }
  }

  /**
   * A waiter woken one at a time leaves its wait: takes it off the list, ends any wake-up it may
   * have been sent, and passes that wake-up on if it was detached and leaves without using it.
   *
   * @param used whether the waiter got what it waited for (a sender got in)
   */
  void leaveWokenOneAtATime(Thread thread, boolean used) {
    boolean listed = remove(thread);
    // Always, listed or not: it may have been detached after it last cleared the flag and have
    // listed itself again since (see the notes).
    wokenUp();
    if (!listed && !used) {
      wakeOne(); // woken for a slot it will not use: pass the wake-up on
    }
  }

  /** Detaches and unparks every waiting thread. */
  void wakeAll() {
    Thread single = null;
    Thread[] many = null;
    int n;
    synchronized (this) {
      n = count;
      if (n == 0) {
        return;
      }
      if (n == 1) {
        single = threads[0];
        threads[0] = null;
      } else {
        many = threads;
        threads = new Thread[many.length];
      }
      count = 0;
    }
    if (single != null) {
      LockSupport.unpark(single);
      return;
    }
    for (int i = 0; i < n; i++) {
      LockSupport.unpark(many[i]);
    }
  }
}
