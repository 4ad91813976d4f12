/**
 * The agent's options and what becomes of their problems: every option's parser. Each {@link
 * dev.taskrt.agent.config.OptionKey} carries its description, its valid forms and its parser;
 * {@link dev.taskrt.agent.config.AgentOptions} reads the sources in order of precedence (agent
 * arguments, {@code config=FILE}, {@code -Dtaskrt.KEY}, and {@code TASKRT_KEY} for the runtime
 * settings) into {@link dev.taskrt.agent.config.ParsedOption}s that hold the typed value or the
 * problem, so nothing is parsed twice. The five runtime settings parse with the runtime's own
 * {@code RuntimeSettings.Setting}, which the kernel also uses without the agent. {@link
 * dev.taskrt.agent.config.Warnings} is where every later problem goes, fatal under {@code
 * strict=true}.
 *
 * <p>Called by every other package of the agent; depends on none of them (only on the runtime's
 * public API and its settings).
 *
 * <p>On the premain path: {@code AgentOptions}, {@code OptionKey}, {@code ParsedOption} and {@code
 * Warnings}; a value's parser ({@code MethodPattern}, {@code AnnotationMapping}, ...) only when
 * that option is given.
 */
package dev.taskrt.agent.config;
