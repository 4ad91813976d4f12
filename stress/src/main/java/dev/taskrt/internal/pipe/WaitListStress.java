package dev.taskrt.internal.pipe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * jcstress tests of the hand-off between a thread about to park and the side that makes progress
 * (see {@link WaitList}): the waiter registers and re-checks; the other side publishes and checks
 * for waiters. If neither saw the other, the waiter would park with a message ready and nobody to
 * wake it: a lost wake-up.
 */
public final class WaitListStress {
  private WaitListStress() {}

  /** A receiver about to park versus a sender publishing a message. */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other")
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the re-check found the message")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the sender saw the waiter and wakes it")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up")
  @State
  public static class ReceiverVersusSender {
    final RingBuffer ring = new RingBuffer(4);
    final WaitList receivers = new WaitList();
    final Thread waiter = new Thread(() -> {}); // never started: unpark is a no-op

    @Actor
    public void receiver(II_Result r) {
      receivers.add(waiter);
      r.r1 = ring.poll() != null ? 1 : 0;
    }

    @Actor
    public void sender(II_Result r) {
      ring.offer("m");
      r.r2 = receivers.hasWaiters() ? 1 : 0;
    }
  }

  /** A sender about to park on a full ring versus a receiver freeing a slot. */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other")
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the re-check found space")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the receiver saw the waiter and wakes it")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up")
  @State
  public static class SenderVersusReceiver {
    final RingBuffer ring = new RingBuffer(1);
    final WaitList senders = new WaitList();
    final Thread waiter = new Thread(() -> {});

    {
      ring.offer("full");
    }

    @Actor
    public void sender(II_Result r) {
      senders.add(waiter);
      r.r1 = ring.offer("next") == RingBuffer.OK ? 1 : 0;
    }

    @Actor
    public void receiver(II_Result r) {
      ring.poll();
      r.r2 = senders.hasWaiters() ? 1 : 0;
    }
  }

  /** A receiver about to park versus a close: it sees the end or the closer wakes it. */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other")
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the re-check saw the end")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the closer saw the waiter and wakes it")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up")
  @State
  public static class ReceiverVersusClose {
    final RingBuffer ring = new RingBuffer(4);
    final WaitList receivers = new WaitList();
    final Thread waiter = new Thread(() -> {});

    @Actor
    public void receiver(II_Result r) {
      receivers.add(waiter);
      r.r1 = ring.isClosedAndDrained() ? 1 : 0;
    }

    @Actor
    public void closer(II_Result r) {
      ring.close();
      r.r2 = receivers.hasWaiters() ? 1 : 0;
    }
  }
}
