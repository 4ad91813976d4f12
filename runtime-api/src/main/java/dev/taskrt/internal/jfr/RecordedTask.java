package dev.taskrt.internal.jfr;

import dev.taskrt.SpawnMode;

/**
 * Not API. What an event reads of a task. The task runtime's {@code TaskContext} implements it, so
 * this package depends on that interface alone and never on the runtime that calls it.
 */
public interface RecordedTask {
  /** The task's id, unique in the JVM. */
  long id();

  /** The task's name. */
  String name();

  /** The parent's id, or 0 for a root task. */
  long parentId();

  /** How the task links to its parent. */
  SpawnMode mode();

  /** Whether the task is weak (does not keep the runtime alive). */
  boolean isWeak();

  /** The scheduler's name, or {@code caller} for a synchronous task on its caller's thread. */
  String schedulerName();

  /** The largest stack estimate so far, in bytes. */
  long highWater();

  /** Segment boundaries crossed. */
  int segmentsCrossed();
}
