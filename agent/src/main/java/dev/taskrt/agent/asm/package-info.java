/**
 * Bytecode building blocks the rewrites share, on ASM's tree API (ASM is relocated under {@code
 * dev.taskrt.agent.shaded} in the jar): {@link dev.taskrt.agent.asm.Bytecode} (small instruction
 * sequences, frame types, and the names of the runtime's entry classes that rewritten code calls),
 * {@link dev.taskrt.agent.asm.BodyWrapper} (an enter call and an exit call that runs exactly once
 * around a body), {@link dev.taskrt.agent.asm.MovedBody} (a body moved into a {@code Callable}),
 * {@link dev.taskrt.agent.asm.MethodPatcher} (patch a few methods, copy the rest) and {@link
 * dev.taskrt.agent.asm.ClinitHook} (code added to a static initialiser).
 *
 * <p>Called by {@code instrument} and {@code jdk}; depends on no other package of the agent. Knows
 * nothing of options or of which method becomes what.
 *
 * <p>On the premain path: {@code Bytecode}, {@code MethodPatcher}, and {@code BodyWrapper} once the
 * main class is rewritten; the rest only when a class that needs it loads.
 */
package dev.taskrt.agent.asm;
