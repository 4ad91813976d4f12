/**
 * Not API. The task runtime: tasks ({@link dev.taskrt.internal.TaskContext} in its layers {@link
 * dev.taskrt.internal.TaskTree} and {@link dev.taskrt.internal.TaskStack}), how they are made and
 * run ({@link dev.taskrt.internal.TaskLauncher}), the current task of a thread, task-locals, hooks
 * and unwinding, linked failure, the kernel ({@link dev.taskrt.internal.KernelState}: counts, the
 * live-task registry, at_exit, listeners, schedulers, settings), the shutdown sequence and the
 * registry of methods the agent rewrote.
 *
 * <p>Called by the public API's facades ({@code dev.taskrt}), by the entry points of rewritten code
 * ({@code internal.entry}), by pipes ({@code internal.pipe}) and hand-offs ({@code
 * internal.handoff}), and by the agent at start-up (settings, the method registry). It calls only
 * the JFR facade ({@code internal.jfr}) among the internal packages, so no package cycle runs
 * through it.
 *
 * <p>Every class here is bootstrap-loaded under the agent (the agent jar's {@code
 * Boot-Class-Path}), so one kernel serves every class loader of the JVM.
 */
package dev.taskrt.internal;
