package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method's body runs as a task: a child of the current task (a root task if there is none),
 * synchronously on the caller's thread unless {@link #stackSize()} asks for another thread.
 *
 * <p>A failure reaches the caller as the original exception, so the caller's {@code catch} still
 * works, and does not also kill the caller. Inert unless the taskrt agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {
  /** The task's name; empty means {@code SimpleClassName.method}. */
  String name() default "";

  /** How the task is linked to its parent. */
  SpawnMode mode() default SpawnMode.LINKED;

  /**
   * Stack accounting limit, in bytes with an optional {@code k}/{@code m} suffix; empty = default.
   */
  String stackLimit() default "";

  /**
   * Run the task on a new platform thread created with this stack size (bytes, optional {@code
   * k}/{@code m} suffix); the caller waits for it. Empty means the caller's thread.
   */
  String stackSize() default "";
}
