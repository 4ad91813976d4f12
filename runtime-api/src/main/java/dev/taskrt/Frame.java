package dev.taskrt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * No new task: the call counts in the current task's stack accounting, is a kill checkpoint, and
 * scopes {@link Tasks#defer} and {@link Tasks#onUnwind} hooks. Inert unless the agent is attached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Frame {}
