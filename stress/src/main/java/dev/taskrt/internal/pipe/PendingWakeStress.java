package dev.taskrt.internal.pipe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * jcstress tests of the senders' one-wake-up-in-flight rule (see {@link WaitList}): a receiver that
 * frees a slot skips the wake-up while a sender it woke earlier has not run again; that sender
 * clears the flag before it re-checks the ring and, once it got in, wakes the next waiter while
 * there is room. Neither may leave a sender listed with room in the ring and nobody on the way.
 */
public final class PendingWakeStress {
  private PendingWakeStress() {}

  /**
   * A full ring of one; sender A was woken (the wake-up is pending), sender B still waits. The
   * receiver frees the slot and wakes unless pending; A clears the flag and re-checks the ring.
   */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "A got in and the receiver also woke B")
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "A got in; the receiver skipped the wake-up")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "A found the ring full; the receiver woke B")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: room, B listed, nobody coming")
  @State
  public static class WokenSenderVersusReceiver {
    final RingBuffer ring = new RingBuffer(1);
    final WaitList senders = new WaitList();

    {
      ring.offer("full");
      senders.add(new Thread(() -> {})); // A (never started: unpark does nothing)
      senders.wakeOne(); // A is detached, its wake-up pending
      senders.add(new Thread(() -> {})); // B
    }

    @Actor
    public void wokenSender(II_Result r) {
      senders.wokenUp();
      r.r1 = ring.offer("a") == RingBuffer.OK ? 1 : 0;
    }

    @Actor
    public void receiver() {
      ring.poll();
      senders.wakeOneUnlessPending();
    }

    @Arbiter
    public void after(II_Result r) {
      r.r2 = senders.hasWaiters() ? 0 : 1; // 1: B was woken
    }
  }

  /**
   * A full ring of two; A's wake-up is pending and B waits. The receiver frees both slots, checking
   * after each; A clears the flag, sends, and passes the turn on if there is room. At the end there
   * must not be room in the ring while B is still listed.
   */
  @JCStressTest
  @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "ring full again, B still waits")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "ring full again, B woken too")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "room left, B woken")
  @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "lost wake-up: room left, B listed")
  @State
  public static class PassTheTurnOn {
    final RingBuffer ring = new RingBuffer(2);
    final WaitList senders = new WaitList();

    {
      ring.offer("one");
      ring.offer("two");
      senders.add(new Thread(() -> {})); // A
      senders.wakeOne();
      senders.add(new Thread(() -> {})); // B
    }

    @Actor
    public void wokenSender() {
      senders.wokenUp();
      if (ring.offer("a") == RingBuffer.OK && senders.hasWaiters() && ring.hasRoom()) {
        senders.wakeOneUnlessPending();
      }
    }

    @Actor
    public void receiver() {
      ring.poll();
      if (senders.hasWaiters()) {
        senders.wakeOneUnlessPending();
      }
      ring.poll();
      if (senders.hasWaiters()) {
        senders.wakeOneUnlessPending();
      }
    }

    @Arbiter
    public void after(II_Result r) {
      r.r1 = ring.hasRoom() ? 1 : 0;
      r.r2 = senders.hasWaiters() ? 0 : 1;
    }
  }

  /**
   * A full ring of one; sender A is listed and ran again without being detached (a spurious
   * wake-up, or an unpark left over from an earlier wait), so its flag clear found nothing to
   * clear. The receiver frees the slot and wakes unless pending, which may detach A just before A
   * lists itself again; A then tries the ring and leaves, listed or not. Afterwards a freed slot
   * must still wake a waiting sender: the flag must not stay set with nobody on the way.
   */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "A got in; a later freed slot wakes B")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "A found the ring full; a later slot wakes B")
  @Outcome(
      id = {"1, 0", "0, 0"},
      expect = FORBIDDEN,
      desc = "the flag stayed set: a later freed slot wakes nobody")
  @State
  public static class ListedSenderWokenSpuriously {
    final RingBuffer ring = new RingBuffer(1);
    final WaitList senders = new WaitList();
    final Thread a = new Thread(() -> {}); // never started: unpark does nothing

    {
      ring.offer("full");
      senders.add(a);
    }

    @Actor
    public void spuriouslyWokenSender(II_Result r) {
      senders.wokenUp(); // as Waiting.park does after every park
      senders.add(a); // the next turn of its loop
      boolean in = ring.offer("a") == RingBuffer.OK;
      r.r1 = in ? 1 : 0;
      senders.leaveWokenOneAtATime(a, in); // as Waiting.park's way out
    }

    @Actor
    public void receiver() {
      ring.poll();
      if (senders.hasWaiters()) {
        senders.wakeOneUnlessPending();
      }
    }

    @Arbiter
    public void after(II_Result r) {
      senders.add(new Thread(() -> {})); // B waits
      senders.wakeOneUnlessPending(); // a later freed slot
      r.r2 = senders.hasWaiters() ? 0 : 1; // 1: B was woken
    }
  }
}
