/**
 * taskrt's public API: the annotations the agent reads ({@code @Task}, {@code @Spawn},
 * {@code @Frame}, {@code @Foreign}, {@code @Boundary}, {@code @AtExit}), the facades an application
 * calls ({@link dev.taskrt.Tasks}, {@link dev.taskrt.TaskBuilder}, {@link dev.taskrt.TaskLocal},
 * {@link dev.taskrt.Pipes}, {@link dev.taskrt.Select}, {@link dev.taskrt.Kernel}) and the types
 * they speak in (handles, ports, chans, states, modes, exceptions, listener and scheduler
 * interfaces). These names are a contract outside code compiles against (DESIGN §2).
 *
 * <p>Anyone may call it. The facades are the documented seam into the runtime: each reaches {@code
 * dev.taskrt.internal} (tasks, task-locals, the kernel) or {@code dev.taskrt.internal.pipe} (pipes,
 * select) and nothing deeper; the annotations depend on no internal class. The runtime in turn uses
 * this package's types (a {@code TaskContext} is a {@link dev.taskrt.TaskHandle}, kills are {@link
 * dev.taskrt.TaskKilledError}s), never its facades.
 *
 * <p>Bootstrap-loaded under the agent (the runtime jar is on the agent jar's {@code
 * Boot-Class-Path}), so one kernel serves every class loader; usable without the agent too.
 */
package dev.taskrt;
