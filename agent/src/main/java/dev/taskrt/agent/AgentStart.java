package dev.taskrt.agent;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.ParsedOption;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.agent.instrument.ClassTransformer;
import dev.taskrt.agent.instrument.LoadedClasses;
import dev.taskrt.agent.instrument.PlanLog;
import dev.taskrt.agent.instrument.Targets;
import dev.taskrt.agent.jdk.JdkRewrites;
import dev.taskrt.internal.KernelState;
import dev.taskrt.internal.RuntimeSettings;
import java.lang.instrument.Instrumentation;

/**
 * What the agent does when it starts, in order: make sure the runtime is bootstrap-loaded, read the
 * options (one message per problem; stop under {@code strict=true}), hand the runtime its typed
 * settings, start the JFR recording if asked, install the application transformer, start hand-off
 * propagation, rewrite the JDK's classes, retransform what an attach found loaded, check that a
 * rewrite really takes ({@link SelfTest}), and, when patterns name whole packages, leave the
 * agent's own classes to C1 ({@link AgentCodeOffC2}). Prints nothing unless there is a problem.
 */
final class AgentStart {
  /** Exit status when {@code strict=true} finds a bad option. */
  static final int STRICT_OPTIONS_STATUS = 2;

  private AgentStart() {}

  static void start(String arguments, Instrumentation inst, boolean attached) {
    try {
      ensureBootstrapLoaded();
      // How `top` tells a JVM with the agent from one without: one property, set once.
      Package own = AgentStart.class.getPackage();
      String version = own == null ? null : own.getImplementationVersion();
      System.setProperty("dev.taskrt.agent", version == null ? "dev" : version);
      AgentOptions options = AgentOptions.parse(arguments, System.getProperties(), System.getenv());
      reportOptionProblems(options);
      RuntimeSettings.useAgentSettings(options.runtimeSettings());
      if (options.anyGivenToAgent()) {
        KernelState.get().installAgentOptions(options.textsGivenToAgent());
      }
      if (options.jfrFile().isPresent()) {
        JfrRecording.start(options.jfrFile().get());
      }
      Warnings warnings = new Warnings(System.err, options.strict());
      String mainClass = attached || !options.mainAsRootTask() ? null : MainClass.find();
      Targets targets = new Targets(options, mainClass);
      ClassTransformer.Promises promises =
          !attached && targets.framesHaveWildcards() ? new ClassTransformer.Promises() : null;
      ClassTransformer transformer =
          new ClassTransformer(
              targets,
              options.mainAsRootTask(),
              warnings,
              SelfTestProbe.INTERNAL_NAME,
              options.verbose() ? PlanLog.printingTo(System.err, "taskrt: ") : PlanLog.QUIET,
              promises);
      inst.addTransformer(transformer, true);
      HandoffStart.start(inst, options.propagate(), options.threadLocals());
      boolean lookupRewritten =
          JdkRewrites.install(
              inst, options.propagate().isOn(), promises != null, attached, warnings);
      if (promises != null) {
        PromiseStart.start(inst, transformer, promises, lookupRewritten);
      }
      if (attached) {
        LoadedClasses.retransform(inst, targets, warnings);
      }
      SelfTest.run(warnings);
      if (targets.patternsCoverPackages()) {
        AgentCodeOffC2.start(inst, options.verbose() ? System.err : null);
      }
    } catch (Throwable e) {
      System.err.println("taskrt: the agent could not start and is not active: " + e);
    }
  }

  private static void reportOptionProblems(AgentOptions options) {
    boolean strict = options.strict();
    for (ParsedOption problem : options.problems()) {
      System.err.println(problem.message(strict));
    }
    for (String braces : options.braceProblems()) {
      System.err.println(braces);
    }
    if (strict && !(options.problems().isEmpty() && options.braceProblems().isEmpty())) {
      System.err.flush();
      System.exit(STRICT_OPTIONS_STATUS);
    }
  }

  /**
   * The runtime must come from the bootstrap loader: the manifest's {@code Boot-Class-Path} puts
   * the jar there, or {@link TaskrtAgent} does for a renamed jar before it calls this class.
   */
  private static void ensureBootstrapLoaded() {
    if (AgentStart.class.getClassLoader() != null) {
      throw new IllegalStateException(
          "the agent's classes are not on the boot class path (loaded by "
              + AgentStart.class.getClassLoader()
              + ")");
    }
  }
}
