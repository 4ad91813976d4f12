package dev.taskrt.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API. Counts messages in flight across every pipe of the JVM without an atomic instruction on
 * the send or receive path: each thread counts in a cell of its own.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Writers.</b> A thread finds its {@link InFlightCell} and adds to its {@code in} or {@code
 * out} count with a plain read and a release store: only that thread writes the cell, so no CAS is
 * needed, and a release store costs no more than a plain one on x86. (A {@code LongAdder} would CAS
 * its base on every uncontended add.)
 *
 * <p><b>Finding the cell.</b> {@link #cell} looks in {@link #table}, indexed by thread id, and
 * checks the cell's owner: an array load and a compare, with a profile of its own. A {@code
 * ThreadLocal} lookup shares its branch profile with every {@code ThreadLocal} of the JVM, and
 * under the agent (where many miss) C2 inlines its miss path into every send and receive. The table
 * is only a cache of the thread-local, which stays the cell's home: a thread that misses (first
 * use, or its slot holds a live thread's cell with an equal index) takes its cell from the
 * thread-local and puts it in its slot by CAS if the slot is empty or holds a terminated thread's
 * cell. Only a cell's owner puts it in a slot, and others replace it only once its owner has
 * terminated, so a thread that finds its own cell in its slot is reading a slot no one else will
 * change under it; the owner field is final, so a cell read through the racy slot is safe to check.
 * The sweep of ended threads' cells (below) clears them from the table too, so the table holds no
 * more ended threads than the list does.
 *
 * <p><b>Readers.</b> {@link #inFlight} sums every cell's {@code out} first and then every cell's
 * {@code in}. A message is counted in (by its sender) before it can be counted out (by whoever
 * takes it, after taking it through the pipe's volatile accesses), so reading the outs first never
 * gives a negative figure; the result is a snapshot that may miss the latest changes, which is all
 * a periodic statistic needs.
 *
 * <p><b>Cells of ended threads.</b> The cells are listed in a {@link ThreadCells}, which sweeps the
 * cells of terminated threads: each is folded into {@link #retired}, and taken out of the table.
 */
final class InFlightCounter {
  /** Slots in {@link #table} (a power of two). */
  static final int TABLE_SIZE = 1024;

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(InFlightCell[].class);

  /** Cells by thread id modulo {@link #TABLE_SIZE}: a cache of {@link #cells}, see the notes. */
  private final InFlightCell[] table = new InFlightCell[TABLE_SIZE];

  /** In minus out of the cells already swept. */
  private final AtomicLong retired = new AtomicLong();

  /** Every thread's cell, and what an ended thread's cell leaves behind (see the notes). */
  private final ThreadCells<InFlightCell> cells =
      new ThreadCells<>() {
        @Override
        protected InFlightCell newCell(Thread owner) {
          return new InFlightCell(owner);
        }

        @Override
        protected void retire(InFlightCell cell) {
          retired.addAndGet(
              (long) InFlightCell.IN.getAcquire(cell) - (long) InFlightCell.OUT.getAcquire(cell));
          SLOTS.compareAndSet(table, slotOf(cell.owner), cell, (InFlightCell) null);
        }
      };

  private static int slotOf(Thread thread) {
    return (int) thread.getId() & (TABLE_SIZE - 1);
  }

  /** A message entered a pipe (the calling thread sent it). */
  public void sent() {
    cell().sent();
  }

  /** {@code count} messages left pipes (the calling thread took or dropped them). */
  public void taken(long count) {
    cell().taken(count);
  }

  /** The calling thread's cell. */
  public InFlightCell cell() {
    Thread thread = Thread.currentThread();
    return cellAt(slotOf(thread), thread);
  }

  /** The cell of {@code thread}, the calling thread, whose table slot is {@code slot}. */
  InFlightCell cellAt(int slot, Thread thread) {
    InFlightCell cell = table[slot];
    if (cell != null && cell.owner == thread) {
      return cell;
    }
    return miss(slot);
  }

  /** The calling thread's cell from its thread-local, put in its slot if the slot is free. */
  private InFlightCell miss(int slot) {
    InFlightCell mine = cells.mine();
    InFlightCell there = (InFlightCell) SLOTS.getVolatile(table, slot);
    if (there == null || !there.owner.isAlive()) {
      SLOTS.compareAndSet(table, slot, there, mine);
    }
    return mine;
  }

  /** Messages sent and not yet taken or dropped, in every pipe; never negative. */
  public long inFlight() {
    synchronized (cells) {
      long out = 0;
      for (InFlightCell cell : cells.listed()) {
        out += (long) InFlightCell.OUT.getAcquire(cell);
      }
      long in = 0;
      for (InFlightCell cell : cells.listed()) {
        in += (long) InFlightCell.IN.getAcquire(cell);
      }
      return Math.max(0, in - out + retired.get());
    }
  }
}
