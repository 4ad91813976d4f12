/**
 * The rewriting of application classes: {@link dev.taskrt.agent.instrument.ClassTransformer} passes
 * over most classes after a scan of their constant pool ({@code ClassScanner}); for the others,
 * {@code ClassPlanner} decides from the {@link dev.taskrt.agent.instrument.Targets} (annotations,
 * mapped annotations, patterns, the main class, context classes) what becomes of each method
 * ({@code MethodPlan}, {@code ClassPlan}), warning once for each target that cannot apply; {@link
 * dev.taskrt.agent.instrument.ClassRewriter} then applies the plan, one class per rewrite ({@code
 * TaskRewrite}, {@code SpawnRewrite}, {@code FrameRewrite}, {@code ForeignRewrite}, {@code
 * BoundaryRewrite}, {@code MainRewrite}, {@code AtExitRewrite}, {@code TaskOnThreadRewrite}, {@code
 * BootDelegationRewrite} for application class loaders, {@code ContextClassRewrite}). {@link
 * dev.taskrt.agent.instrument.LoadedClasses} retransforms what an attach finds loaded. Under a
 * wildcard {@code frames=} pattern, {@code FrameWorth} and its rules decide which frames the code
 * needs, and {@code PromiseBook} keeps what the fourth rule ({@code PromiseRule}) promised: the
 * transformer then also reads classes outside the patterns that may override, and frames their
 * overrides of promised methods. Rewritten code calls only the runtime's entry package {@code
 * dev.taskrt.internal.entry}. Every decision of the planner goes to a {@link
 * dev.taskrt.agent.instrument.PlanLog} ({@code verbose=true}); {@link
 * dev.taskrt.agent.instrument.DryRun} runs the planner over class files for the {@code check}
 * command.
 *
 * <p>Called by the agent's start sequence, and by {@code cli} for {@code DryRun} only; uses {@code
 * config} and {@code asm}, never {@code jdk}.
 *
 * <p>On the premain path: the transformer, {@code Targets} and {@code ClassScanner}; the planner,
 * the rewriter and {@code MainRewrite} when the main class loads, and the others when a class that
 * needs them loads.
 */
package dev.taskrt.agent.instrument;
