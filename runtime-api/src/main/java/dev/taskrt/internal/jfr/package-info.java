/**
 * Not API. taskrt's JFR events (one class per event, each with a stable {@code @Name}) and {@link
 * dev.taskrt.internal.jfr.Events}, the facade every event is committed through. It reads tasks
 * through {@link dev.taskrt.internal.jfr.RecordedTask}, which the runtime's task implements, and
 * the kernel through {@link dev.taskrt.internal.jfr.Events.KernelCounters}, so it depends on no
 * other runtime package.
 *
 * <p>Called by the runtime ({@code dev.taskrt.internal}, {@code internal.pipe}, {@code
 * internal.entry}). Bootstrap-loaded under the agent; no event class is loaded until a flight
 * recorder exists, and none at all when the {@code jdk.jfr} module is absent.
 */
package dev.taskrt.internal.jfr;
