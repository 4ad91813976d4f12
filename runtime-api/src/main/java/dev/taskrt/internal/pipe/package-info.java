/**
 * Not API. Pipes and select: the lock-free ring ({@link dev.taskrt.internal.pipe.RingBuffer}), the
 * pipe kinds behind {@code Pipes.stream}, {@code Pipes.shared} and {@code Pipes.oneshot}, the wait
 * lists their blocked tasks park on, how a pipe ends when its sending task does, and {@code
 * Select.any}.
 *
 * <p>Called by the public facades {@code dev.taskrt.Pipes} and {@code dev.taskrt.Select} (and the
 * ports and chans they return). It uses the task runtime ({@code dev.taskrt.internal}: the current
 * task, kill checkpoints, end actions, the kernel's message count) and the JFR facade. The jcstress
 * suite in the {@code stress} module tests its concurrent structures from inside this package.
 * Bootstrap-loaded under the agent.
 */
package dev.taskrt.internal.pipe;
