package dev.taskrt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The agent options a test class needs, in the form of {@code -javaagent:taskrt-agent.jar=OPTIONS}
 * (for example {@code "stackLimit=256k,frames=com.acme.parse.*[*]"}).
 *
 * <p>The agent is attached once per test JVM, so its options hold for every test class of that JVM.
 * They are taken, in this order, from the configuration parameter {@code taskrt.options} (in {@code
 * junit-platform.properties}, or {@code -Dtaskrt.options=...}) and, when that is absent, from the
 * {@code @TaskrtOptions} that the test classes selected for the run agree on. A test class whose
 * options differ from the ones the agent was attached with fails, with a message saying so, rather
 * than running with options it did not ask for.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TaskrtOptions {
  /** The options, {@code key=value} pairs separated by commas. */
  String value();
}
