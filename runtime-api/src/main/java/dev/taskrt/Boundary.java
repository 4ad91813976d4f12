package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Catch-unwind: a failure never leaves the method. The current task records it, the frame's hooks
 * run, and the method returns its fallback. Use it on Java code called back from native code, where
 * an exception would otherwise end the JVM. Inert unless the agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Boundary {
  /**
   * A method of the same class, with the same parameters, whose result is returned instead; empty
   * means the method returns zero, {@code false} or {@code null}.
   */
  String fallback() default "";
}
