package dev.taskrt;

import java.util.Set;

/**
 * The kernel's named schedulers. Built in: {@code default}, {@code platform} (a thread per task,
 * honours a stack size), {@code virtual} (JDK 21 and later) and {@code single:<name>} (one
 * dedicated thread per name, made on first use). Each counts the tasks it runs and has run; the
 * threads of {@code single:} schedulers end with the kernel's shutdown, and a registered scheduler
 * takes part through {@link Scheduler#close()}. From {@link Kernel#schedulers()}.
 */
public interface SchedulerRegistry {
  /**
   * Registers a scheduler under a new name.
   *
   * @throws IllegalArgumentException if the name is taken or empty
   */
  void register(String name, Scheduler scheduler);

  /**
   * The scheduler of that name.
   *
   * @throws IllegalArgumentException if there is none, naming those there are
   * @throws IllegalStateException for {@code virtual} on a JDK without virtual threads
   */
  Scheduler get(String name);

  /** The names registered so far, built-in ones included. */
  Set<String> names();

  /**
   * Tasks the named scheduler runs now: spawned onto it and not yet ended (synchronous tasks run on
   * their caller's thread and belong to no scheduler). 0 for a name with no tasks so far.
   */
  long liveTasks(String name);

  /** Tasks the named scheduler has been given since the kernel began; 0 for an unknown name. */
  long tasksStarted(String name);
}
