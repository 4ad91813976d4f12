/**
 * Not API. The OpenTelemetry bridge of {@code otel=on} (DESIGN §9): each task is also a span, made
 * through the application's own {@code io.opentelemetry.api} (or, when the application has none,
 * the copy the OpenTelemetry Java agent puts on the bootstrap class path), reached through method
 * handles because this runtime is bootstrap-loaded and compiled against the JDK alone.
 *
 * <p>Only {@link dev.taskrt.internal.KernelState} may call into this package, and only when {@code
 * otel=on}: with tracing off (the default) no class of this package is loaded.
 */
package dev.taskrt.internal.otel;
