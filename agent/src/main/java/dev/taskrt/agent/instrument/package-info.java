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
 * dev.taskrt.agent.instrument.LoadedClasses} retransforms what an attach finds loaded. Rewritten
 * code calls only the runtime's entry package {@code dev.taskrt.internal.entry}.
 *
 * <p>Called by the agent's start sequence only; uses {@code config} and {@code asm}, never {@code
 * jdk}.
 *
 * <p>On the premain path: the transformer, {@code Targets} and {@code ClassScanner}; the planner,
 * the rewriter and {@code MainRewrite} when the main class loads, and the others when a class that
 * needs them loads.
 */
package dev.taskrt.agent.instrument;
