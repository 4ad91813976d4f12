package dev.taskrt.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * jcstress tests of the messages-in-flight count's cell lookup ({@link InFlightCounter#cell}): the
 * table of cells by thread id is a cache that only a cell's owner fills.
 */
public final class InFlightCounterStress {
  private InFlightCounterStress() {}

  /** 1 when {@code thread} found its own cell twice in a row, the same one both times; else 0. */
  static int countsInOwnCell(InFlightCounter counter, int slot, Thread thread) {
    InFlightCell first = counter.cellAt(slot, thread);
    first.sent();
    InFlightCell again = counter.cellAt(slot, thread);
    again.sent();
    return first == again && first.owner == thread ? 1 : 0;
  }

  /**
   * Two threads whose ids share one slot count at once: one puts its cell in the slot, the other
   * keeps finding its own through the thread-local. Neither ever counts in the other's cell, and
   * the sum afterwards is exact.
   */
  @JCStressTest
  @Outcome(id = "1, 1, 4", expect = ACCEPTABLE, desc = "each counted in its own cell; sum exact")
  @Outcome(expect = FORBIDDEN, desc = "a thread counted in another's cell, or a count was lost")
  @State
  public static class SharedSlot {
    final InFlightCounter counter = new InFlightCounter();

    @Actor
    public void first(III_Result r) {
      r.r1 = countsInOwnCell(counter, 0, Thread.currentThread());
    }

    @Actor
    public void second(III_Result r) {
      r.r2 = countsInOwnCell(counter, 0, Thread.currentThread());
    }

    @Arbiter
    public void after(III_Result r) {
      r.r3 = (int) counter.inFlight();
    }
  }

  /**
   * A reader sums while a thread counts a message in and out: it sees 0 or 1, never a negative or a
   * count from nowhere, whichever slot path the writer takes.
   */
  @JCStressTest
  @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "read before the send or after the take")
  @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "read between the send and the take")
  @Outcome(expect = FORBIDDEN, desc = "a count out of range")
  @State
  public static class ReadWhileCounting {
    final InFlightCounter counter = new InFlightCounter();

    @Actor
    public void writer() {
      Thread me = Thread.currentThread();
      counter.cellAt(1, me).sent();
      counter.cellAt(1, me).taken(1);
    }

    @Actor
    public void reader(III_Result r) {
      r.r1 = (int) counter.inFlight();
    }

    @Arbiter
    public void after(III_Result r) {
      r.r2 = (int) counter.inFlight();
    }
  }
}
