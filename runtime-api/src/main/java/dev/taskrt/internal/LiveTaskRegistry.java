package dev.taskrt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Not API. The live tasks that the shutdown sequence can reach by nothing else (see {@link
 * KernelState}): every task that runs on a thread of its own, root tasks and unlinked synchronous
 * tasks.
 *
 * <h2>Design notes</h2>
 *
 * <p>Adding and removing happen once per task, on its own thread, from many threads at once;
 * listing happens at shutdown only. So the registry is a fixed number of stripes, each an intrusive
 * doubly linked list through {@link TaskContext#registryPrev}/{@link TaskContext#registryNext}
 * guarded by the stripe's own monitor, and a task's stripe is chosen by its id: no allocation and
 * no hashing per task, and two threads meet on one monitor only when their tasks' ids share a
 * stripe. Each stripe is padded to a cache line of its own. A listing takes the stripes' monitors
 * one after another, so it is a snapshot per stripe, which is all shutdown needs: a task started
 * after its stripe was read is refused by its failing parent or is counted by the strong count that
 * shutdown waits on.
 */
final class LiveTaskRegistry {
  private static final int STRIPES = 32;

  private final Stripe[] stripes = new Stripe[STRIPES];

  LiveTaskRegistry() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  void add(TaskContext task) {
    Stripe stripe = stripeOf(task);
    synchronized (stripe) {
      TaskContext head = stripe.head;
      task.registryNext = head;
      if (head != null) {
        head.registryPrev = task;
      }
      stripe.head = task;
    }
  }

  void remove(TaskContext task) {
    Stripe stripe = stripeOf(task);
    synchronized (stripe) {
      TaskContext prev = task.registryPrev;
      TaskContext next = task.registryNext;
      if (prev != null) {
        prev.registryNext = next;
      } else if (stripe.head == task) {
        stripe.head = next;
      } else {
        return; // not registered
      }
      if (next != null) {
        next.registryPrev = prev;
      }
      task.registryPrev = null;
      task.registryNext = null;
    }
  }

  /** The registered tasks, stripe by stripe. */
  List<TaskContext> snapshot() {
    List<TaskContext> tasks = new ArrayList<>();
    for (Stripe stripe : stripes) {
      synchronized (stripe) {
        for (TaskContext t = stripe.head; t != null; t = t.registryNext) {
          tasks.add(t);
        }
      }
    }
    return tasks;
  }

  private Stripe stripeOf(TaskContext task) {
    return stripes[(int) task.id & (STRIPES - 1)];
  }

  /** One list head, padded so that two stripes never share a cache line. */
  @SuppressWarnings("unused")
  private static final class Stripe {
    long p1;
    long p2;
    long p3;
    long p4;
    long p5;
    long p6;
    long p7;
    TaskContext head;
    long q1;
    long q2;
    long q3;
    long q4;
    long q5;
    long q6;
    long q7;
  }
}
