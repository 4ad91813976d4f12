package dev.taskrt.internal.pipe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/** jcstress tests of {@link RingBuffer}: claims, publication, and the atomic close. */
public final class RingBufferStress {
  private RingBufferStress() {}

  /** A consumer that takes an element sees what the producer wrote into it, never null. */
  @JCStressTest
  @Outcome(id = "-1", expect = ACCEPTABLE, desc = "poll ran before the offer")
  @Outcome(id = "42", expect = ACCEPTABLE, desc = "poll took the published element")
  @Outcome(expect = FORBIDDEN, desc = "an element seen before it was written")
  @State
  public static class Publication {
    final RingBuffer ring = new RingBuffer(2);

    @Actor
    public void producer() {
      ring.offer(new Box(42));
    }

    @Actor
    public void consumer(I_Result r) {
      Object e = ring.poll();
      r.r1 = e == null ? -1 : ((Box) e).value;
    }
  }

  /** Two producers race for the one slot of a capacity-one ring: exactly one wins. */
  @JCStressTest
  @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "first won, second found it full")
  @Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "second won, first found it full")
  @Outcome(expect = FORBIDDEN, desc = "both or neither stored")
  @State
  public static class OneSlotTwoProducers {
    final RingBuffer ring = new RingBuffer(1);

    @Actor
    public void first(III_Result r) {
      r.r1 = ring.offer(1);
    }

    @Actor
    public void second(III_Result r) {
      r.r2 = ring.offer(2);
    }

    @Arbiter
    public void after(III_Result r) {
      Object e = ring.poll();
      r.r3 = e == null ? 0 : (Integer) e;
      if (ring.poll() != null) {
        r.r3 = -1;
      }
    }
  }

  /** Two consumers race for one element: exactly one gets it. */
  @JCStressTest
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "first took it")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "second took it")
  @Outcome(expect = FORBIDDEN, desc = "duplicated or lost")
  @State
  public static class TwoConsumers {
    final RingBuffer ring = new RingBuffer(4);

    {
      ring.offer("only");
    }

    @Actor
    public void first(II_Result r) {
      r.r1 = ring.poll() == null ? 0 : 1;
    }

    @Actor
    public void second(II_Result r) {
      r.r2 = ring.poll() == null ? 0 : 1;
    }
  }

  /**
   * A close racing an offer: either the offer stored its element, and it is still receivable after
   * the close, or the offer was refused and the ring is drained. Never a stored element lost, nor
   * an accepted offer after the close.
   */
  @JCStressTest
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "offer first: the element survives the close")
  @Outcome(id = "2, 0", expect = ACCEPTABLE_INTERESTING, desc = "close first: offer refused")
  @Outcome(expect = FORBIDDEN, desc = "lost or accepted after close")
  @State
  public static class CloseVersusOffer {
    final RingBuffer ring = new RingBuffer(2);

    @Actor
    public void sender(II_Result r) {
      r.r1 = ring.offer("m");
    }

    @Actor
    public void closer() {
      ring.close();
    }

    @Arbiter
    public void after(II_Result r) {
      int got = 0;
      while (ring.poll() != null) {
        got++;
      }
      r.r2 = ring.isClosedAndDrained() ? got : -1;
    }
  }

  /**
   * A receiver polls, then asks whether the ring has ended (the order a receive uses): it may see
   * the end only after it took the element offered before the close, never instead of it.
   */
  @JCStressTest
  @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "nothing yet, not ended")
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "took it; close not seen yet")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "took it, then saw the end")
  @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "saw the end while the element was still there")
  @State
  public static class EndComesAfterEveryElement {
    final RingBuffer ring = new RingBuffer(2);

    @Actor
    public void sender() {
      ring.offer("m");
      ring.close();
    }

    @Actor
    public void receiver(II_Result r) {
      r.r1 = ring.poll() == null ? 0 : 1;
      r.r2 = ring.isClosedAndDrained() ? 1 : 0;
    }
  }

  /** A port close racing an offer: a stored element is always dropped (counted), never stranded. */
  @JCStressTest
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "stored, then dropped by the drain")
  @Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "refused")
  @Outcome(expect = FORBIDDEN, desc = "stranded or double-counted")
  @State
  public static class DrainVersusOffer {
    final RingBuffer ring = new RingBuffer(1);
    volatile long dropped;

    @Actor
    public void sender(II_Result r) {
      r.r1 = ring.offer("m");
    }

    @Actor
    public void drainer() {
      dropped = ring.drainClosed();
    }

    @Arbiter
    public void after(II_Result r) {
      long left = ring.size();
      r.r2 = left == 0 ? (int) dropped : -1;
    }
  }

  /** A thing to publish, with a final-free field so that unsafe publication would show. */
  static final class Box {
    int value;

    Box(int value) {
      this.value = value;
    }
  }
}
