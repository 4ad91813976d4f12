package dev.taskrt.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Attaches the taskrt agent to the running test JVM, once, unless it is there already.
 *
 * <p>The agent jar travels inside this module's jar as the resource {@code taskrt-agent.jar}. It is
 * written to a fresh temporary directory under that very name, since the jar's {@code
 * Boot-Class-Path} manifest entry names itself relative to its own location: when the JVM loads the
 * agent it appends the jar to the bootstrap class path, so the runtime ({@code dev.taskrt.*}) is
 * bootstrap-loaded and every class loader sees one kernel. Byte Buddy's {@code byte-buddy-agent}
 * does the attach (through a helper JVM when the JDK forbids attaching to oneself, as it does by
 * default). The agent's {@code agentmain} then installs its transformer and retransforms the
 * classes already loaded that carry taskrt annotations.
 *
 * <p>This class must not link any runtime class: it runs before the runtime is on the boot path,
 * and a runtime class loaded from the class path now would make a second kernel. It checks
 * afterwards that it did not happen.
 */
final class AgentInstaller {
  /** The configuration parameter that carries agent options. */
  static final String OPTIONS_PARAMETER = "taskrt.options";

  /** A class of the runtime, looked up by name only. */
  private static final String RUNTIME_PROBE = "dev.taskrt.Tasks";

  /** The runtime's public types: the ones a test class or code under test may have loaded early. */
  private static final String[] PUBLIC_TYPES = {
    "AtExit",
    "Boundary",
    "Chan",
    "Foreign",
    "Frame",
    "Kernel",
    "Pipe",
    "PipeBrokenException",
    "PipeClosedException",
    "Pipes",
    "Port",
    "Scheduler",
    "SchedulerRegistry",
    "Select",
    "Selected",
    "Spawn",
    "SpawnMode",
    "StackLimitExceededError",
    "Task",
    "TaskBuilder",
    "TaskFailedException",
    "TaskHandle",
    "TaskKilledError",
    "TaskListener",
    "TaskLocal",
    "TaskState",
    "TaskTimeoutException",
    "Tasks"
  };

  /** What this JVM's agent was attached with, by whom; null until the first call. */
  private static Attachment attachment;

  /** Why the attach failed, kept so that every later test fails with the same message. */
  private static RuntimeException failure;

  private AgentInstaller() {}

  /** The agent in this JVM, and the options it was started with (null: not known). */
  private record Attachment(String options, String by) {}

  /**
   * Makes sure the agent is attached; attaches it with {@code options} if not.
   *
   * @param options the options the caller needs, or empty for none in particular
   * @param requester who asks (a test class's name), for messages
   * @throws ExtensionConfigurationException if the agent cannot be attached, or was attached with
   *     other options than the caller needs
   */
  static synchronized void ensureAttached(String options, String requester) {
    String wanted = normalise(options);
    if (failure != null) {
      throw failure;
    }
    if (attachment == null) {
      try {
        attachment = attachOrFind(wanted, requester);
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    if (!wanted.isEmpty() && !wanted.equals(attachment.options())) {
      throw new ExtensionConfigurationException(
          requester
              + " asks for taskrt options '"
              + wanted
              + "', but the agent in this JVM was "
              + (attachment.options() == null
                  ? "attached with -javaagent, whose options cannot change now"
                  : "attached for "
                      + attachment.by()
                      + " with options '"
                      + attachment.options()
                      + "'")
              + ". The agent is attached once per JVM: put the options in junit-platform.properties"
              + " (taskrt.options=...) or run this class in a JVM of its own.");
    }
  }

  private static Attachment attachOrFind(String options, String requester) {
    if (runtimeOnBootPath()) {
      return new Attachment(null, "-javaagent");
    }
    try {
      Path jar = writeAgentJar();
      ByteBuddyAgent.attach(
          jar.toFile(),
          String.valueOf(ProcessHandle.current().pid()),
          options.isEmpty() ? null : options);
    } catch (IOException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "taskrt-junit could not attach the taskrt agent to this JVM ("
              + e
              + "); give the test JVM -javaagent:taskrt-agent.jar instead",
          e);
    }
    if (!runtimeOnBootPath()) {
      throw new ExtensionConfigurationException(
          "the taskrt agent was attached, but its runtime is not on the bootstrap class path");
    }
    checkOneKernel();
    return new Attachment(options, requester);
  }

  /** The bundled agent jar, written where its {@code Boot-Class-Path} finds it. */
  private static Path writeAgentJar() throws IOException {
    Path dir = Files.createTempDirectory("taskrt-junit-");
    Path jar = dir.resolve("taskrt-agent.jar");
    dir.toFile().deleteOnExit(); // deleted after the jar: last registered, first deleted
    try (InputStream in = AgentInstaller.class.getResourceAsStream("taskrt-agent.jar")) {
      if (in == null) {
        throw new IOException("the taskrt-junit jar has no dev/taskrt/junit/taskrt-agent.jar");
      }
      Files.copy(in, jar);
    }
    jar.toFile().deleteOnExit();
    return jar;
  }

  private static boolean runtimeOnBootPath() {
    try {
      Class.forName(RUNTIME_PROBE, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Fails when a runtime class was already loaded from the class path: tests and code under test
   * would link that copy, with a kernel of its own, while the agent's rewrites call the other.
   */
  private static void checkOneKernel() {
    ClassLoader[] loaders = {
      ClassLoader.getSystemClassLoader(), Thread.currentThread().getContextClassLoader()
    };
    for (ClassLoader loader : loaders) {
      if (loader == null) {
        continue;
      }
      for (String type : PUBLIC_TYPES) {
        Class<?> seen;
        try {
          seen = Class.forName("dev.taskrt." + type, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue; // this loader cannot see it: nothing to compare
        }
        if (seen.getClassLoader() != null) {
          throw new ExtensionConfigurationException(
              "taskrt's runtime class "
                  + seen.getName()
                  + " was loaded from the class path by "
                  + seen.getClassLoader()
                  + " before the agent was attached, so tests would see a second kernel. Attach"
                  + " earlier: let JUnit's launcher load taskrt-junit's discovery listener, or give"
                  + " the test JVM -javaagent:taskrt-agent.jar");
        }
      }
    }
  }

  private static String normalise(String options) {
    return options == null ? "" : options.trim();
  }
}
