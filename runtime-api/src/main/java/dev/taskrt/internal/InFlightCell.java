package dev.taskrt.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Not API. One thread's share of the kernel's messages-in-flight count (see {@link
 * InFlightCounter}): written by its {@link #owner} thread alone, summed by readers.
 *
 * <p>A pipe may keep the cell of the thread that last sent or received on it and use it again when
 * the same thread comes back ({@link #isMine}), which spares the thread-local lookup of {@link
 * KernelState#messageCell()}. The owner is a final field, so a cell read through a racy field is
 * safe to check; only the owner thread ever writes the counts, so a pipe uses a cached cell only on
 * its owner's thread.
 */
public final class InFlightCell extends ThreadCells.Cell {
  static final VarHandle IN;
  static final VarHandle OUT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      IN = lookup.findVarHandle(InFlightCell.class, "in", long.class);
      OUT = lookup.findVarHandle(InFlightCell.class, "out", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  long in;
  long out;

  InFlightCell(Thread owner) {
    super(owner);
  }

  /** Whether the calling thread owns this cell (and may count in it). */
  public boolean isMine() {
    return owner == Thread.currentThread();
  }

  /** A message entered a pipe; only the owner calls this. */
  public void sent() {
    IN.setRelease(this, in + 1);
  }

  /** {@code count} messages left pipes; only the owner calls this. */
  public void taken(long count) {
    OUT.setRelease(this, out + count);
  }
}
