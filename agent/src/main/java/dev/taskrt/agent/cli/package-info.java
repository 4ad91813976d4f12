/**
 * The commands of {@code java -jar taskrt-agent.jar}: {@code help} (also what no command does),
 * {@code version}, {@code attach}, {@code check} (a dry run of the agent's planner over class
 * files, through {@code instrument.DryRun}) and {@code inspect} (the {@code inspect} module's
 * command, called directly). The help is generated from the option keys and the {@code Command}s,
 * so it cannot drift from the code.
 *
 * <p>Called by {@code TaskrtAgent.main} only; uses {@code config} for the help and the options of
 * {@code check}, and {@code instrument} for {@code check}'s dry run.
 *
 * <p>Never on the premain path: nothing of it loads when the jar runs as an agent.
 */
package dev.taskrt.agent.cli;
