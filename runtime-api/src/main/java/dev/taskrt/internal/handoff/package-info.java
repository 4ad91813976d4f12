/**
 * Not API. Hand-off propagation ({@code propagate}): work a task hands to a thread the application
 * manages runs as a child task of it, with its context. It holds the capture ({@link
 * dev.taskrt.internal.handoff.Captured}), the context carriers (the {@link
 * dev.taskrt.internal.handoff.ContextCarrier} interface, SLF4J's MDC, named thread-locals, and
 * their registry {@link dev.taskrt.internal.handoff.ContextCarriers}), the wrapped work and the one
 * guard every hand-off passes ({@link dev.taskrt.internal.handoff.Handoff}), and the coverage of
 * threads started from tasks ({@link dev.taskrt.internal.handoff.ThreadStarts}).
 *
 * <p>Called by {@code internal.entry.HandoffHooks} (from rewritten JDK executors and threads) and
 * by the agent at start-up ({@link dev.taskrt.internal.handoff.Handoff#configure}); it runs the
 * work through {@code dev.taskrt.internal.TaskLauncher}. Bootstrap-loaded under the agent, since
 * rewritten JDK classes reach it.
 */
package dev.taskrt.internal.handoff;
