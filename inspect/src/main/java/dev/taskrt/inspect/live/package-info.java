/**
 * {@code top}: the live view of a running JVM's tasks. {@link dev.taskrt.inspect.live.TopCommand}
 * attaches to the JVM through the JDK's attach mechanism and reads the same taskrt events that
 * {@code inspect} reads from a file, streamed from the JVM by JFR's remote event streaming ({@code
 * jdk.management.jfr}); {@link dev.taskrt.inspect.live.LiveModel} folds them into {@link
 * dev.taskrt.inspect.live.LiveSnapshot}s, which are printed as text or JSON or drawn on the
 * terminal.
 *
 * <p>Called by the agent's command line ({@code java -jar taskrt-agent.jar top ...}) through {@link
 * dev.taskrt.inspect.live.TopCommand#run}; everything else here is package-private.
 */
package dev.taskrt.inspect.live;
