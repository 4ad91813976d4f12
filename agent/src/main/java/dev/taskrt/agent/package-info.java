/**
 * The agent's entry points and its start sequence.
 *
 * <p>Holds {@link dev.taskrt.agent.TaskrtAgent} ({@code premain}, {@code agentmain} and {@code
 * main}, kept tiny), {@code AgentStart} (the steps at start, in order), the start of hand-off
 * propagation in the runtime ({@code HandoffStart}), the {@code jfr=} recording, the main class's
 * discovery, the post-install self-test with its probe class, and the compiler directive that
 * leaves the agent's own classes to C1 when patterns cover packages ({@code AgentCodeOffC2}, on a
 * thread of its own).
 *
 * <p>Called by the JVM only (the manifest's {@code Premain-Class}, {@code Agent-Class} and {@code
 * Main-Class}); no other package of the agent calls into it. It wires {@code config}, {@code
 * instrument} and {@code jdk} together, and hands {@code main} to {@code cli}.
 *
 * <p>On the premain path: all of it but {@code TaskrtAgent.main}. The self-test loads one small
 * probe class; nothing here loads the command line.
 */
package dev.taskrt.agent;
