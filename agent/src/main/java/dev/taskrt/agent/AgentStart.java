package dev.taskrt.agent;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.ParsedOption;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.agent.instrument.ClassTransformer;
import dev.taskrt.agent.instrument.LoadedClasses;
import dev.taskrt.agent.instrument.Targets;
import dev.taskrt.agent.jdk.JdkRewrites;
import dev.taskrt.internal.KernelState;
import dev.taskrt.internal.RuntimeSettings;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * What the agent does when it starts, in order: make sure the runtime is bootstrap-loaded, read the
 * options (one message per problem; stop under {@code strict=true}), hand the runtime its typed
 * settings, start the JFR recording if asked, install the application transformer, start hand-off
 * propagation, rewrite the JDK's classes, retransform what an attach found loaded, and check that a
 * rewrite really takes ({@link SelfTest}). Prints nothing unless there is a problem.
 */
final class AgentStart {
  /** Exit status when {@code strict=true} finds a bad option. */
  static final int STRICT_OPTIONS_STATUS = 2;

  private AgentStart() {}

  static void start(String arguments, Instrumentation inst, boolean attached) {
    try {
      ensureBootstrapLoaded(inst);
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
      inst.addTransformer(
          new ClassTransformer(
              targets, options.mainAsRootTask(), warnings, SelfTestProbe.INTERNAL_NAME),
          true);
      HandoffStart.start(inst, options.propagate(), options.threadLocals());
      JdkRewrites.install(inst, options.propagate().isOn(), attached, warnings);
      if (attached) {
        LoadedClasses.retransform(inst, targets, warnings);
      }
      SelfTest.run(warnings);
    } catch (Throwable e) {
      System.err.println("taskrt: the agent could not start and is not active: " + e);
    }
  }

  private static void reportOptionProblems(AgentOptions options) {
    boolean strict = options.strict();
    for (ParsedOption problem : options.problems()) {
      System.err.println(problem.message(strict));
    }
    if (strict && !options.problems().isEmpty()) {
      System.err.flush();
      System.exit(STRICT_OPTIONS_STATUS);
    }
  }

  /**
   * The runtime must come from the bootstrap loader. The manifest's {@code Boot-Class-Path} names
   * the jar itself; when the jar was renamed that entry finds nothing, and the jar is appended here
   * instead (the JVM then prints its class-sharing notice).
   */
  private static void ensureBootstrapLoaded(Instrumentation inst) throws Exception {
    if (dev.taskrt.Tasks.class.getClassLoader() == null) {
      return;
    }
    File jar = ownJar();
    if (jar == null) {
      throw new IllegalStateException(
          "cannot find the agent jar to put the runtime on the boot path");
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
  }

  /** The agent jar this class was loaded from, or null. */
  static File ownJar() {
    try {
      var source = AgentStart.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        return Path.of(source.getLocation().toURI()).toFile();
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the class path
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && new File(entry).getName().contains("taskrt-agent")) {
        return new File(entry);
      }
    }
    return null;
  }
}
