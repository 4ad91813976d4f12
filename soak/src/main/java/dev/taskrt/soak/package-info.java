/**
 * The soak: {@link dev.taskrt.soak.SoakServer}, an HTTP server on the JDK's {@code
 * com.sun.net.httpserver} whose handlers become tasks by agent pattern only, with request-scoped
 * task-locals and SLF4J MDC, failing and client-cancelled requests and a pipe-based worker stage;
 * {@link dev.taskrt.soak.SoakRun} drives two such servers side by side, one under the agent and one
 * without, and reports what each did. Run by {@code ./taskrt soak} and by the module's tests;
 * nothing else calls it.
 */
package dev.taskrt.soak;
