package dev.taskrt.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Not API. Counts the synchronous tasks that run inline on their parent's thread (a {@code @Task}
 * method, {@code Tasks.run}) without an atomic instruction: each thread counts its own in a {@link
 * Cell}. They are the kernel's most frequent tasks, and live inside their parent's lifetime, so
 * they are counted live (and started) but are neither strong nor weak (see {@link KernelState}).
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Writers.</b> A cell belongs to one thread, which alone writes it: a plain read and a
 * release store per change, no CAS (a {@code LongAdder} would CAS its base on every uncontended
 * change). A task finds its thread's cell through its parent ({@link TaskContext#inlineCounts}),
 * which runs on the same thread; the first inline child of a task looks it up in a thread-local and
 * leaves it with the parent, so a thread-local is read once per parent, not once per child.
 *
 * <p><b>Readers.</b> {@link #live} and {@link #started} sum every cell with acquire loads: a
 * snapshot that may miss the latest changes of running threads, as a {@code LongAdder}'s sum does;
 * a change made before a happens-before edge (a join, a thread's end) is always seen.
 *
 * <p><b>Cells of ended threads.</b> The cells are listed in a {@link ThreadCells}, which sweeps the
 * cells of terminated threads: each is folded into {@link #retiredStarted} and {@link
 * #retiredLive}.
 */
final class InlineTaskCounts {
  private static final VarHandle STARTED;
  private static final VarHandle LIVE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STARTED = lookup.findVarHandle(Cell.class, "started", long.class);
      LIVE = lookup.findVarHandle(Cell.class, "live", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One thread's counts; written by that thread only. */
  static final class Cell extends ThreadCells.Cell {
    private long started;
    private long live;

    Cell(Thread owner) {
      super(owner);
    }

    /** An inline task started on the owner thread. */
    void taskStarted() {
      STARTED.setRelease(this, started + 1);
      LIVE.setRelease(this, live + 1);
    }

    /** An inline task ended on the owner thread. */
    void taskEnded() {
      LIVE.setRelease(this, live - 1);
    }
  }

  /** Every thread's cell, and the counts of the ended threads' cells (see the notes). */
  private final ThreadCells<Cell> cells =
      new ThreadCells<>() { // in here a bare Cell would name ThreadCells.Cell
        @Override
        protected InlineTaskCounts.Cell newCell(Thread owner) {
          return new InlineTaskCounts.Cell(owner);
        }

        @Override
        protected void retire(InlineTaskCounts.Cell cell) {
          retiredStarted += (long) STARTED.getAcquire(cell);
          retiredLive += (long) LIVE.getAcquire(cell);
        }
      };

  /** Guarded by {@link #cells}: the counts of the cells already swept. */
  private long retiredStarted;

  private long retiredLive;

  /** The calling thread's cell. */
  Cell cell() {
    return cells.mine();
  }

  /** Inline tasks running now, on every thread. */
  long live() {
    synchronized (cells) {
      long sum = retiredLive;
      for (Cell cell : cells.listed()) {
        sum += (long) LIVE.getAcquire(cell);
      }
      return Math.max(0, sum);
    }
  }

  /** Inline tasks started so far, on every thread. */
  long started() {
    synchronized (cells) {
      long sum = retiredStarted;
      for (Cell cell : cells.listed()) {
        sum += (long) STARTED.getAcquire(cell);
      }
      return sum;
    }
  }
}
