package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a static method with no parameters: registered as an at_exit handler (see {@link
 * Kernel#atExit}) when its class is initialised. Inert unless the agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AtExit {
  /** The handler's name; empty means {@code SimpleClassName.method}. */
  String value() default "";
}
