package dev.taskrt.inspect;

import dev.taskrt.inspect.programs.LinkedFailureProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The checks of {@link InspectRealRunTest} on a run of {@link LinkedFailureProgram} under the
 * agent, recorded by the agent's own {@code jfr=FILE} option with its {@code taskrt.jfc}. Runs when
 * the agent jar is built ({@code agent/target/taskrt-agent.jar}, or the path in the system property
 * {@code taskrt.agent.jar}); skipped otherwise.
 */
@EnabledIf(
    value = "agentJarBuilt",
    disabledReason = "no agent jar: build the agent module, or name it with -Dtaskrt.agent.jar")
class InspectUnderAgentIT extends InspectRealRunTest {
  static Path agentJar() {
    return Path.of(System.getProperty("taskrt.agent.jar", "../agent/target/taskrt-agent.jar"));
  }

  static boolean agentJarBuilt() {
    return Files.isRegularFile(agentJar());
  }

  @BeforeAll
  static void recordTheProgram() throws Exception { // runs after the superclass's; its run is used
    Path agent = agentJar();
    Path jfr = dir.resolve("agent-run.jfr");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-javaagent:" + agent.toAbsolutePath() + "=jfr=" + jfr,
            "-cp",
            programClasses(),
            LinkedFailureProgram.class.getName());
    Path log = dir.resolve("agent-run.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the program did not end under the agent: " + read(log));
    }
    if (process.exitValue() != 0 || !Files.exists(jfr)) {
      throw new AssertionError(
          "exit status " + process.exitValue() + " under the agent, output:\n" + read(log));
    }
    use(jfr);
  }

  /** Where the test programs are: inspect's test classes, a directory or its test jar. */
  private static String programClasses() throws Exception {
    return Path.of(
            LinkedFailureProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
