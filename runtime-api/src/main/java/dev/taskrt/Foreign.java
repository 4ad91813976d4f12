package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A foreign (native) call: while it runs the task's state is {@link TaskState#FOREIGN} and kills
 * wait; before it starts, the task must have {@link #headroom()} bytes left under its stack limit;
 * the call is timed by a {@code taskrt.ForeignCall} event. Inert unless the agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Foreign {
  /** Stack headroom required before the call (bytes, optional {@code k}/{@code m}); empty = 64k. */
  String headroom() default "";
}
