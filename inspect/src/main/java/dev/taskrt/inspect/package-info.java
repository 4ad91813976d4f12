/**
 * The {@code inspect} command: reads a JFR recording of taskrt's events ({@link
 * dev.taskrt.inspect.RecordingReader}, chunk by chunk, into compact tables) and shows it through
 * its views (summary, tree, failures, stacks, exit), as text, JSON or an HTML page.
 *
 * <p>Called by the agent's command line ({@code java -jar taskrt-agent.jar inspect ...}, through
 * {@link dev.taskrt.inspect.InspectCommand}); it depends on the runtime's event names only, never
 * on the agent, and nothing of it loads on the agent's start-up path.
 */
package dev.taskrt.inspect;
