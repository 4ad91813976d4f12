package dev.taskrt.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leaves the agent's own classes to HotSpot's C1 compiler, so that C2 works for the application:
 * one compiler directive, {@code c2: {Exclude: true}} for {@code dev/taskrt/agent/*.*}, added at
 * start when the options name whole packages of classes to rewrite.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Why.</b> Under a pattern such as {@code frames=org.h2.*[*]} the agent reads and rewrites
 * every class of a library as it loads: its transformer (ASM's reader and writer, the planner) is
 * among the hottest code of the program's first seconds, and the JIT compiles it with C2 like
 * anything else. On H2's JDBC workload that was 2.4 s of C2's time in a run whose first round takes
 * 2 to 3 s of CPU (ASM's {@code ClassReader.readCode} alone 0.3 to 1.1 s a compile, compiled two or
 * three times), on a machine whose tiered JIT has one C2 thread: C2's queue of the application's
 * methods never drained during the first four rounds, and the application's hot methods ran as C1's
 * profiled code for longer (docs/PERFORMANCE.md, "The agent's own code off C2"). The transformer is
 * hot only while classes load; C1's optimised code (tier 1, no profiling) serves it and costs C2
 * nothing: loading every class of H2, or of Byte Buddy, under such a pattern takes a third less CPU
 * this way (the same document).
 *
 * <p><b>How.</b> HotSpot's diagnostic command {@code Compiler.directives_add} (what {@code jcmd PID
 * Compiler.directives_add FILE} runs) takes a file of directives; the agent writes one to a new
 * file of the temporary directory, runs the command through the JDK's own implementation of the
 * diagnostic-command bean (reached by reflection, after {@link Instrumentation#redefineModule}
 * opens its package to the agent; no MBean server is started), and deletes the file. A directive
 * that excludes a method from C2 makes HotSpot compile it at tier 1 (C1, fully optimised, without
 * profiling) once C2 has refused it. The directive matches the agent's classes only ({@code
 * dev.taskrt.agent}, with the ASM it carries); the runtime's, whose entry points frames call, stay
 * with C2. It sits on top of the JVM's directives stack: {@code jcmd PID Compiler.directives_print}
 * shows it, {@code Compiler.directives_clear} removes it.
 *
 * <p><b>When not.</b> Where C2 is the JVM's only compiler ({@code -XX:-TieredCompilation}, {@code
 * -XX:CompilationMode=high-only}), excluding a class from C2 would leave it interpreted: the agent
 * reads the JVM's flags first and adds nothing then. Without patterns that cover packages the
 * transformer reads only the few classes a user marked, and nothing is done. Any failure (another
 * JVM, a runtime without {@code jdk.management}, a read-only temporary directory) leaves the JIT as
 * it was: this changes when the agent's code is compiled, nothing the application does, so it fails
 * without a word ({@code verbose=true} says what happened).
 *
 * <p><b>Threads.</b> The work (37-57 ms of a stand-alone program doing the same on the 2-core
 * machine the figures come from) runs on a daemon thread of its own, started at the end of the
 * agent's start, so the application's {@code main} does not wait for it; it ends when the directive
 * is added. Until then C2 may compile a method of the agent, which then stays compiled.
 */
final class AgentCodeOffC2 {
  /** What the agent adds: its own classes, C2 excluded. */
  static final String DIRECTIVE = "[{ match: \"dev/taskrt/agent/*.*\", c2: { Exclude: true } }]\n";

  private static final String DCMD_CLASS = "com.sun.management.internal.DiagnosticCommandImpl";

  /** Loaded first: its class initialiser loads the native library the command bean needs. */
  private static final String PROVIDER_CLASS =
      "com.sun.management.internal.PlatformMBeanProviderImpl";

  private AgentCodeOffC2() {}

  /** Starts the thread that adds the directive; returns at once. */
  static void start(Instrumentation inst, PrintStream verbose) {
    Thread thread = new Thread(() -> addQuietly(inst, verbose), "taskrt-jit-directive");
    thread.setDaemon(true);
    thread.start();
  }

  private static void addQuietly(Instrumentation inst, PrintStream verbose) {
    String outcome;
    try {
      outcome = add(inst);
    } catch (Throwable e) {
      Throwable cause =
          e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      outcome =
          "the agent's classes are compiled as usual: adding the compiler directive failed ("
              + cause
              + ")";
    }
    if (verbose != null) {
      verbose.println("taskrt: " + outcome);
    }
  }

  /** Adds the directive unless C2 is the only compiler; says what it did. */
  static String add(Instrumentation inst) throws Exception {
    Module management =
        ModuleLayer.boot()
            .findModule("jdk.management")
            .orElseThrow(() -> new IllegalStateException("this runtime has no jdk.management"));
    Module own = AgentCodeOffC2.class.getModule();
    inst.redefineModule(
        management,
        Set.of(),
        Map.of(),
        Map.of("com.sun.management.internal", Set.of(own)),
        Set.of(),
        Map.of());
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    Class.forName(PROVIDER_CLASS, true, platform);
    Class<?> dcmd = Class.forName(DCMD_CLASS, true, platform);
    Method bean = dcmd.getDeclaredMethod("getDiagnosticCommandMBean");
    bean.setAccessible(true);
    Object commands = bean.invoke(null);
    if (commands == null) {
      throw new IllegalStateException("this JVM runs no diagnostic commands");
    }
    Method execute = dcmd.getDeclaredMethod("executeDiagnosticCommand", String.class);
    execute.setAccessible(true);
    Optional<String> onlyC2 = c2Only((String) execute.invoke(commands, "VM.flags"));
    if (onlyC2.isPresent()) {
      return "the agent's classes are compiled as usual: C2 is this JVM's only compiler ("
          + onlyC2.get()
          + ")";
    }
    Path file = newFile();
    try {
      String reply = (String) execute.invoke(commands, "Compiler.directives_add " + file);
      if (reply == null || !reply.contains("1 compiler directives added")) {
        throw new IllegalStateException("Compiler.directives_add said: " + reply);
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return "the agent's own classes are compiled by C1 only (a compiler directive), so that C2"
        + " works for the application";
  }

  /**
   * The flag, among those {@code VM.flags} lists (the ones not at their default), that leaves C2
   * the JVM's only compiler, if any.
   */
  static Optional<String> c2Only(String flags) {
    for (String flag : flags.split("\\s+")) {
      if (flag.equals("-XX:-TieredCompilation")
          || flag.startsWith("-XX:CompilationMode=high-only")) {
        return Optional.of(flag);
      }
    }
    return Optional.empty();
  }

  /**
   * A file of the temporary directory holding {@link #DIRECTIVE}, made new (never one that exists,
   * nor a link another user left under a name we might pick).
   */
  private static Path newFile() throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    long pid = ProcessHandle.current().pid();
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Path file = dir.resolve("taskrt-directive-" + pid + "-" + System.nanoTime() + ".json");
      OutputStream out;
      try {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) { // taken (the file is someone else's: left alone), or no room
        last = e;
        continue;
      }
      try (out) {
        out.write(DIRECTIVE.getBytes(StandardCharsets.UTF_8));
        return file;
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    }
    throw last;
  }
}
