package dev.taskrt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API. Counts messages in flight across every pipe of the JVM without an atomic instruction on
 * the send or receive path: each thread counts in a cell of its own.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Writers.</b> A thread finds its {@link InFlightCell} through a thread-local and adds to its
 * {@code in} or {@code out} count with a plain read and a release store: only that thread writes
 * the cell, so no CAS is needed, and a release store costs no more than a plain one on x86. (A
 * {@code LongAdder} would CAS its base on every uncontended add.)
 *
 * <p><b>Readers.</b> {@link #inFlight} sums every cell's {@code out} first and then every cell's
 * {@code in}. A message is counted in (by its sender) before it can be counted out (by whoever
 * takes it, after taking it through the pipe's volatile accesses), so reading the outs first never
 * gives a negative figure; the result is a snapshot that may miss the latest changes, which is all
 * a periodic statistic needs.
 *
 * <p><b>Cells of ended threads.</b> Cells are listed under this object's monitor, taken only when a
 * thread counts for the first time and by readers. When the list has doubled since the last sweep,
 * cells whose thread has terminated are folded into {@link #retired} and dropped (a terminated
 * thread writes no more, and its termination happens-before {@code isAlive()} returning false), so
 * short-lived threads do not accumulate.
 */
final class InFlightCounter {
  /** The smallest list size at which a sweep of ended threads' cells starts. */
  private static final int FIRST_SWEEP = 64;

  private final ThreadLocal<InFlightCell> cells =
      new ThreadLocal<>() { // not withInitial(this::register): no lambda bootstrap at start-up
        @Override
        protected InFlightCell initialValue() {
          return register();
        }
      };

  /** Guarded by this: every live (or not yet swept) thread's cell. */
  private final List<InFlightCell> all = new ArrayList<>();

  /** In minus out of the cells already swept. */
  private final AtomicLong retired = new AtomicLong();

  private int sweepAt = FIRST_SWEEP;

  private InFlightCell register() {
    InFlightCell cell = new InFlightCell(Thread.currentThread());
    synchronized (this) {
      if (all.size() >= sweepAt) {
        sweep();
      }
      all.add(cell);
    }
    return cell;
  }

  private void sweep() {
    long folded = 0;
    for (int i = all.size() - 1; i >= 0; i--) {
      InFlightCell cell = all.get(i);
      if (!cell.owner.isAlive()) {
        folded +=
            (long) InFlightCell.IN.getAcquire(cell) - (long) InFlightCell.OUT.getAcquire(cell);
        all.set(i, all.get(all.size() - 1));
        all.remove(all.size() - 1);
      }
    }
    retired.addAndGet(folded);
    sweepAt = Math.max(FIRST_SWEEP, all.size() * 2);
  }

  /** A message entered a pipe (the calling thread sent it). */
  public void sent() {
    cells.get().sent();
  }

  /** {@code count} messages left pipes (the calling thread took or dropped them). */
  public void taken(long count) {
    cells.get().taken(count);
  }

  /** The calling thread's cell. */
  public InFlightCell cell() {
    return cells.get();
  }

  /** Messages sent and not yet taken or dropped, in every pipe; never negative. */
  public long inFlight() {
    synchronized (this) {
      long out = 0;
      for (InFlightCell cell : all) {
        out += (long) InFlightCell.OUT.getAcquire(cell);
      }
      long in = 0;
      for (InFlightCell cell : all) {
        in += (long) InFlightCell.IN.getAcquire(cell);
      }
      return Math.max(0, in - out + retired.get());
    }
  }
}
