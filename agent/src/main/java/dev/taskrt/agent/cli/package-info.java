/**
 * The commands of {@code java -jar taskrt-agent.jar}: {@code help} (also what no command does),
 * {@code version}, {@code attach} and {@code inspect} (the {@code inspect} module's command, called
 * directly). The help is generated from the option keys and the {@code Command}s, so it cannot
 * drift from the code.
 *
 * <p>Called by {@code TaskrtAgent.main} only; uses {@code config} for the help.
 *
 * <p>Never on the premain path: nothing of it loads when the jar runs as an agent.
 */
package dev.taskrt.agent.cli;
