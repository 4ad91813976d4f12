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
 * <p><b>Wake all.</b> {@link #wakeAll} detaches every waiter and unparks each one. A woken waiter
 * re-checks and adds itself again if there is still nothing for it. Waking all rather than one
 * means a waiter that leaves without taking what it was woken for (a timeout, a kill, a select that
 * took another port's message) can never strand a message while another waiter sleeps; the cost, a
 * herd when many threads wait on one pipe, is paid only on the slow path. A thread waiting in a
 * select is in several lists at once; a stale entry costs at most a spurious unpark, which every
 * park loop tolerates.
 *
 * <p><b>Locking.</b> The list itself is guarded by this object's monitor, taken only by threads
 * about to park, leaving a wait, or waking waiters. Unparks happen outside the monitor.
 */
final class WaitList {
  private static final Thread[] NONE = new Thread[0];

  /** Threads in the list; read without the monitor by the fast path. */
  private volatile int count;

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

  /** Removes {@code thread} if it is still listed. */
  void remove(Thread thread) {
    if (count == 0) {
      return;
    }
    synchronized (this) {
      int n = count;
      for (int i = 0; i < n; i++) {
        if (threads[i] == thread) {
          threads[i] = threads[n - 1];
          threads[n - 1] = null;
          count = n - 1;
          return;
        }
      }
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
