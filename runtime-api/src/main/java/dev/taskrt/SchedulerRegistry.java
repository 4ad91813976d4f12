package dev.taskrt;

import java.util.Set;

/**
 * The kernel's named schedulers. Built in: {@code default}, {@code platform} (a thread per task,
 * honours a stack size), {@code virtual} (JDK 21 and later) and {@code single:<name>} (one
 * dedicated thread per name, made on first use).
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
}
