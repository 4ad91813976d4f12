package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.internal.jfr.Events;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Not API. The middle layer of a {@link TaskContext}: stack accounting and the hooks of the
 * instrumented frames on the task's stack. Its {@link #enterFrame} and {@link #exitFrame} are the
 * instrumented hot path: every {@code @Frame} method calls them.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Owner only.</b> Every field here but {@link #watermark} is read and written by the task's
 * own thread, so they are plain fields: entering a frame loads and stores {@link #stack} and loads
 * the volatile {@link #watermark}, which a kill lowers to its minimum (the frame entry is also a
 * kill checkpoint, met on the slow path); exiting one loads and stores {@link #stack} unless the
 * frame registered a hook. After the task ends, other threads may read {@link #highWater} and
 * {@link #segmentsCrossed} (the end is published by the task's monitor).
 *
 * <p><b>Estimates.</b> {@link #stack} adds the estimated frame size the agent computed for each
 * instrumented method ({@code max_locals} and {@code max_stack}); it is an estimate of the
 * instrumented frames only. Passing {@link #watermark} takes the slow path ({@link #enterSlow}): a
 * new high water, a segment boundary (a StackSegment event), or the limit (a {@link
 * StackLimitExceededError} thrown before anything changed, so a frame that fails to enter needs no
 * exit). While the task unwinds after a failure the limit is doubled, so hooks that need stack can
 * still run.
 */
public abstract class TaskStack extends TaskTree {
  private static final VarHandle WATERMARK;

  static {
    try {
      WATERMARK = MethodHandles.lookup().findVarHandle(TaskStack.class, "watermark", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The stack accounting limit in bytes; 0 for none. */
  public final long stackLimit;

  /** The distance between StackSegment events in bytes; 0 for none. */
  final long stackSegment;

  /** Bits of {@link #stack} that count frames; the bytes are above them. */
  public static final int DEPTH_BITS = 24;

  static final long DEPTH_MASK = (1L << DEPTH_BITS) - 1;

  /**
   * Owner: the instrumented frames on the stack, as one number: their estimated bytes shifted left
   * by {@link #DEPTH_BITS}, plus their count. A frame adds {@code (frameBytes << DEPTH_BITS) + 1}
   * on entry and takes it off on exit, so the hot path touches one field; the value strictly grows
   * with every nested frame, so it also marks a frame for its hooks.
   */
  long stack;

  /** Owner: the largest stack estimate seen, in bytes. */
  long highWater;

  /**
   * A frame whose {@link #stack} value would exceed this calls the slow path: a new high water, a
   * segment, the limit. {@link Long#MIN_VALUE} once a kill is pending, so the kill check costs the
   * hot path nothing of its own. Written by the owner, and by a killer (to {@code MIN_VALUE});
   * volatile so that the owner's recomputation cannot hide a kill (see {@link #resetWatermark}).
   */
  volatile long watermark;

  /** Owner: the next segment boundary, in bytes. */
  long nextSegment;

  /** Owner: how many segment boundaries the task crossed. */
  int segmentsCrossed;

  /** Owner: the top hook, or null. */
  Hook hooks;

  /** Owner: the {@link #stack} mark of the top hook, or -1 when there is none. */
  long topHookMark = -1;

  TaskStack(
      long id,
      String name,
      TaskContext parent,
      SpawnMode mode,
      boolean weak,
      boolean synchronous,
      long stackLimit,
      long stackSegment) {
    super(id, name, parent, mode, weak, synchronous);
    this.stackLimit = stackLimit;
    this.stackSegment = stackSegment;
    this.nextSegment = stackSegment > 0 ? stackSegment : Long.MAX_VALUE;
    // Plain, not a volatile store and its fence: the task is published to any other thread (its
    // parent's monitor or volatile syncChild, the registry, a scheduler's hand-off) after this.
    WATERMARK.set(this, DEPTH_MASK);
  }

  /**
   * Entry of an instrumented frame: accounts its estimated size, then acts as a checkpoint. Throws
   * before changing anything, so a frame that fails here needs no exit. Small enough for C1 to
   * inline (a unit test holds it under 35 bytes); everything else is in {@link #enterSlow}.
   *
   * @param delta {@code (frameBytes << DEPTH_BITS) + 1}
   */
  public void enterFrame(int methodId, long delta) {
    long next = stack + delta;
    if (next > watermark) {
      enterSlow(methodId, next);
    }
    stack = next;
  }

  /** Exit of an instrumented frame; runs the frame's hooks. A defer's failure may be thrown. */
  public void exitFrame(long delta, Throwable thrown) {
    long now = stack;
    if (topHookMark >= now) {
      exitWithHooks(delta, thrown);
      return;
    }
    stack = now - delta;
  }

  private void exitWithHooks(long delta, Throwable thrown) {
    try {
      Unwinder.runFrameHooks(self(), stack, thrown);
    } finally {
      stack -= delta;
    }
  }

  /** A new high water, a segment, the limit, or a pending kill. */
  private void enterSlow(int methodId, long next) {
    long bytes = next >>> DEPTH_BITS;
    if (bytes > effectiveLimit()) {
      throw new StackLimitExceededError(
          label()
              + " would use "
              + bytes
              + " bytes of stack entering "
              + MethodRegistry.describe(methodId)
              + ", over its stackLimit of "
              + stackLimit
              + (unwinding ? " (x2 while unwinding)" : "")
              + " bytes; raise stackLimit or bound the recursion");
    }
    if (killRequested) {
      checkpointSlow();
    }
    if (bytes > highWater) {
      highWater = bytes;
      while (bytes >= nextSegment) {
        segmentsCrossed++;
        nextSegment += stackSegment;
        Events.stackSegment(self(), methodId, bytes, (int) (next & DEPTH_MASK), segmentsCrossed);
      }
    }
    resetWatermark();
  }

  private long effectiveLimit() {
    if (stackLimit <= 0) {
      return Long.MAX_VALUE;
    }
    return unwinding ? stackLimit * 2 : stackLimit;
  }

  /**
   * Sets the fast path's trigger to the high water (or the limit, if lower). Written before the
   * kill flag is read, and a killer writes the flag before the trigger, all volatile: either this
   * sees the kill and keeps the trigger at {@code MIN_VALUE}, or the killer's write comes last.
   */
  private void resetWatermark() {
    long bytes = Math.min(highWater, effectiveLimit());
    watermark =
        bytes >= (Long.MAX_VALUE >>> DEPTH_BITS)
            ? Long.MAX_VALUE
            : (bytes << DEPTH_BITS) | DEPTH_MASK;
    if (killRequested) {
      watermark = Long.MIN_VALUE;
    }
  }

  @Override
  final void killFlagged() {
    watermark = Long.MIN_VALUE;
  }

  /** After hooks ran while unwinding: the 2x allowance ends. */
  void endUnwinding() {
    unwinding = false;
    resetWatermark();
  }

  /** Instrumented frames on the stack now (owner). */
  int depth() {
    return (int) (stack & DEPTH_MASK);
  }

  /** Estimated stack bytes now (owner). */
  public long stackBytes() {
    return stack >>> DEPTH_BITS;
  }

  /** The largest stack estimate so far (owner, or anyone after the end). */
  public long highWater() {
    return highWater;
  }

  /** Segment boundaries crossed (owner, or anyone after the end). */
  public int segmentsCrossed() {
    return segmentsCrossed;
  }
}
