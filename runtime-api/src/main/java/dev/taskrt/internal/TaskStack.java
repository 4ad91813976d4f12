package dev.taskrt.internal;

import dev.taskrt.SpawnMode;
import dev.taskrt.StackLimitExceededError;
import dev.taskrt.internal.jfr.Events;

/**
 * Not API. The middle layer of a {@link TaskContext}: stack accounting and the hooks of the
 * instrumented frames on the task's stack. Its {@link #enterFrame} and {@link #exitFrame} are the
 * instrumented hot path: every {@code @Frame} method calls them.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Owner only.</b> Every field here is read and written by the task's own thread, so they are
 * plain fields: entering a frame is a few plain loads and stores plus one volatile load of {@link
 * #killRequested} (the frame entry is also a kill checkpoint); exiting one is plain loads and
 * stores unless the frame registered a hook. After the task ends, other threads may read {@link
 * #highWater} and {@link #segmentsCrossed} (the end is published by the task's monitor).
 *
 * <p><b>Estimates.</b> {@link #stackBytes} adds the estimated frame size the agent computed for
 * each instrumented method ({@code max_locals} and {@code max_stack}); it is an estimate of the
 * instrumented frames only. Passing {@link #watermark} takes the slow path ({@link
 * #onNewHighWater}): a new high water, a segment boundary (a StackSegment event), or the limit (a
 * {@link StackLimitExceededError} thrown before anything changed, so a frame that fails to enter
 * needs no exit). While the task unwinds after a failure the limit is doubled, so hooks that need
 * stack can still run.
 */
public abstract class TaskStack extends TaskTree {
  /** The stack accounting limit in bytes; 0 for none. */
  public final long stackLimit;

  /** The distance between StackSegment events in bytes; 0 for none. */
  final long stackSegment;

  /** Owner: instrumented frames entered and not yet exited. */
  int depth;

  /** Owner: estimated bytes of the instrumented frames on the stack. */
  public long stackBytes;

  /** Owner: the largest {@link #stackBytes} seen. */
  long highWater;

  /** Owner: stackBytes above this call the slow path (new high water, segment, limit). */
  long watermark;

  /** Owner: the next segment boundary, in bytes. */
  long nextSegment;

  /** Owner: how many segment boundaries the task crossed. */
  int segmentsCrossed;

  /** Owner: the top hook, or null. */
  Hook hooks;

  /** Owner: the depth of the top hook, or -1 when there is none (checked on every frame exit). */
  int topHookDepth = -1;

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
    this.watermark = 0;
  }

  /**
   * Entry of an instrumented frame: accounts its estimated size, then acts as a checkpoint. Throws
   * before changing anything, so a frame that fails here needs no exit.
   */
  public void enterFrame(int methodId, int frameBytes) {
    long bytes = stackBytes + frameBytes;
    if (bytes > watermark) {
      onNewHighWater(bytes, methodId);
    }
    if (killRequested) {
      checkpointSlow();
    }
    stackBytes = bytes;
    depth++;
  }

  /** Exit of an instrumented frame; runs the frame's hooks. A defer's failure may be thrown. */
  public void exitFrame(int frameBytes, Throwable thrown) {
    if (topHookDepth >= depth) {
      try {
        Unwinder.runFrameHooks(self(), depth, thrown);
      } finally {
        depth--;
        stackBytes -= frameBytes;
      }
      return;
    }
    depth--;
    stackBytes -= frameBytes;
  }

  private void onNewHighWater(long bytes, int methodId) {
    if (stackLimit > 0) {
      long limit = unwinding ? stackLimit * 2 : stackLimit;
      if (bytes > limit) {
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
    }
    highWater = bytes;
    watermark = bytes;
    while (bytes >= nextSegment) {
      segmentsCrossed++;
      nextSegment += stackSegment;
      Events.stackSegment(self(), methodId, bytes, depth + 1, segmentsCrossed);
    }
  }

  /** After hooks ran while unwinding: the 2x allowance ends. */
  void endUnwinding() {
    unwinding = false;
    if (stackLimit > 0 && watermark > stackLimit) {
      watermark = stackLimit;
    }
  }

  /** Estimated stack bytes now (owner). */
  public long stackBytes() {
    return stackBytes;
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
