package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The call returns at once; the body runs as a new task on a scheduler. The method returns {@code
 * void}, {@link java.util.concurrent.Future}, {@link java.util.concurrent.CompletableFuture} or
 * {@link TaskHandle}; the value the body returns completes what the caller got. Inert unless the
 * taskrt agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Spawn {
  /** The task's name; empty means {@code SimpleClassName.method}. */
  String name() default "";

  /** How the task is linked to its parent. */
  SpawnMode mode() default SpawnMode.LINKED;

  /**
   * Stack accounting limit, in bytes with an optional {@code k}/{@code m} suffix; empty = default.
   */
  String stackLimit() default "";

  /** Run on a new platform thread with this stack size; empty means the scheduler's thread. */
  String stackSize() default "";

  /** The scheduler's name; empty means the kernel's default scheduler. */
  String scheduler() default "";

  /** A weak task does not keep the runtime alive; it is killed after the at_exit handlers. */
  boolean weak() default false;
}
