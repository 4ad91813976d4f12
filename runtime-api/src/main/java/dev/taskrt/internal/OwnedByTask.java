package dev.taskrt.internal;

/**
 * Not API. Something a new task owns from the moment it is spawned, before its body runs: the chans
 * of {@code TaskBuilder.owning(...)} and of a {@code @Spawn} method's {@code Chan} parameters. The
 * owner's end (any outcome) ends what it owns, so nothing waits on a task that is gone.
 */
public interface OwnedByTask {
  /**
   * The task holds this from now on. Called on the spawner's thread before the task starts (the
   * scheduler's hand-off orders it before the owner's first step), or on the owner's own thread for
   * a synchronous task.
   */
  void takenBy(TaskContext owner);

  /** The owner was refused at spawn and will never run: end what it owns as its kill would. */
  void ownerNeverRan(TaskContext owner, Throwable why);
}
