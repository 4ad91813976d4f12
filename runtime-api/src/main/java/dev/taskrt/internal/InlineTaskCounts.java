package dev.taskrt.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

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
 * <p><b>Cells of ended threads.</b> Listed under this object's monitor, taken when a thread counts
 * for the first time and by readers. When the list has doubled since the last sweep, cells whose
 * thread has terminated are folded into {@link #retiredStarted} and {@link #retiredLive} and
 * dropped (a terminated thread writes no more, and its termination happens-before {@code isAlive()}
 * returning false), so short-lived threads do not accumulate.
 */
final class InlineTaskCounts {
  private static final int FIRST_SWEEP = 64;

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
  static final class Cell {
    final Thread owner;
    private long started;
    private long live;

    Cell(Thread owner) {
      this.owner = owner;
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

  private final ThreadLocal<Cell> cells =
      new ThreadLocal<>() { // not withInitial(this::register): no lambda bootstrap at start-up
        @Override
        protected Cell initialValue() {
          return register();
        }
      };

  /** Guarded by this: every live (or not yet swept) thread's cell. */
  private final List<Cell> all = new ArrayList<>();

  /** Guarded by this: the counts of the cells already swept. */
  private long retiredStarted;

  private long retiredLive;

  private int sweepAt = FIRST_SWEEP;

  /** The calling thread's cell. */
  Cell cell() {
    return cells.get();
  }

  private Cell register() {
    Cell cell = new Cell(Thread.currentThread());
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
      Cell cell = all.get(i);
      if (!cell.owner.isAlive()) {
        retiredStarted += (long) STARTED.getAcquire(cell);
        retiredLive += (long) LIVE.getAcquire(cell);
        all.set(i, all.get(all.size() - 1));
        all.remove(all.size() - 1);
      }
    }
    sweepAt = Math.max(FIRST_SWEEP, all.size() * 2);
  }

  /** Inline tasks running now, on every thread. */
  synchronized long live() {
    long sum = retiredLive;
    for (Cell cell : all) {
      sum += (long) LIVE.getAcquire(cell);
    }
    return Math.max(0, sum);
  }

  /** Inline tasks started so far, on every thread. */
  synchronized long started() {
    long sum = retiredStarted;
    for (Cell cell : all) {
      sum += (long) STARTED.getAcquire(cell);
    }
    return sum;
  }
}
