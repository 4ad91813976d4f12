package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A foreign (native) call: while it runs the task's state is {@link TaskState#FOREIGN} and kills
 * wait; before it starts, there must be {@link #headroom()} bytes of stack left: under the task's
 * stack limit when it has one, else on the thread's real stack (estimated from its stack size and
 * the frames on it), so the call fails with a {@link StackLimitExceededError} instead of
 * overflowing in native code, which would end the JVM. The call is timed by a {@code
 * taskrt.ForeignCall} event. With {@link #stackSize()}, the call runs on a thread with a stack of
 * that size while the calling task waits, and its result or exception comes back unchanged. Inert
 * unless the agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Foreign {
  /** Stack headroom required before the call (bytes, optional {@code k}/{@code m}); empty = 64k. */
  String headroom() default "";

  /**
   * Run the call on a new thread with a stack of this size (bytes, optional {@code k}/{@code m}),
   * as the classic runtime switched to a big C stack for foreign code: for native code that
   * recurses deeply or a library that wants a big stack. Empty: the caller's own thread.
   */
  String stackSize() default "";
}
