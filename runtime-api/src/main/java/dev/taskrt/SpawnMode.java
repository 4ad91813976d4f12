package dev.taskrt;

/** How a task's failure travels between it and its parent. */
public enum SpawnMode {
  /** A child's failure kills the parent, and the parent's failure kills the child. */
  LINKED,
  /** The parent's failure kills the child (and its descendants), not the other way round. */
  SUPERVISED,
  /** Neither direction. */
  UNLINKED
}
