package dev.taskrt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Not API. The registry beneath the kernel's per-thread counts ({@link InFlightCounter}, {@link
 * InlineTaskCounts}): each thread gets a cell of its own, which only that thread writes, and
 * readers sum the cells of every thread.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Home.</b> A thread's cell lives in a thread-local, made and listed the first time the
 * thread asks for it ({@link #mine}). Callers on a hot path keep it somewhere cheaper to reach (a
 * table by thread id, the parent task) and come here only when they miss.
 *
 * <p><b>The list.</b> Every cell is listed under this object's monitor, taken only when a thread
 * asks for its cell for the first time and by readers, who hold it while they sum ({@link
 * #listed}).
 *
 * <p><b>Cells of ended threads.</b> When the list has doubled since the last sweep, a new thread's
 * registration sweeps it: each cell whose thread has terminated is handed to {@link #retire}, under
 * the monitor, and dropped. A terminated thread writes no more, and its termination happens-before
 * {@code isAlive()} returning false, so what {@link #retire} reads of the cell is final;
 * short-lived threads do not accumulate.
 *
 * <p>A subclass is an anonymous class, not a lambda, so that the kernel's start-up bootstraps no
 * lambda.
 *
 * @param <C> the cell
 */
abstract class ThreadCells<C extends ThreadCells.Cell> {
  /** A cell: the thread it belongs to, the only one that writes it. */
  abstract static class Cell {
    /**
     * The only thread that writes this cell; final, so a cell read through a race can be checked.
     */
    final Thread owner;

    Cell(Thread owner) {
      this.owner = owner;
    }
  }

  /** The smallest list size at which a sweep of ended threads' cells starts. */
  private static final int FIRST_SWEEP = 64;

  private final ThreadLocal<C> home =
      new ThreadLocal<>() {
        @Override
        protected C initialValue() {
          return register();
        }
      };

  /** Guarded by this: every live (or not yet swept) thread's cell. */
  private final List<C> all = new ArrayList<>();

  /** Guarded by this. */
  private int sweepAt = FIRST_SWEEP;

  /** A new cell for {@code owner}, the calling thread. */
  protected abstract C newCell(Thread owner);

  /**
   * Takes what must outlive the cell of an ended thread (fold its counts into a total), just before
   * it is dropped; called with this object's monitor held.
   */
  protected abstract void retire(C cell);

  /** The calling thread's cell, made and listed on its first call. */
  final C mine() {
    return home.get();
  }

  /** Every listed cell; only while holding this object's monitor. */
  final List<C> listed() {
    assert Thread.holdsLock(this);
    return all;
  }

  private C register() {
    C cell = newCell(Thread.currentThread());
    synchronized (this) {
      if (all.size() >= sweepAt) {
        sweep();
      }
      all.add(cell);
    }
    return cell;
  }

  private void sweep() {
    for (int i = all.size() - 1; i >= 0; i--) {
      C cell = all.get(i);
      if (!cell.owner.isAlive()) {
        retire(cell);
        all.set(i, all.get(all.size() - 1));
        all.remove(all.size() - 1);
      }
    }
    sweepAt = Math.max(FIRST_SWEEP, all.size() * 2);
  }
}
