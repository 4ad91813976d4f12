package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.BoundaryProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundary checks of {@link ShutdownTruthTest} on a run of {@link BoundaryProgram} under the
 * agent, whose {@code @Boundary} method is really rewritten and whose root task {@code main} ends
 * DONE after the boundary stopped the failure. Runs where {@link InspectUnderAgentIT} does.
 */
@EnabledIf(
    value = "dev.taskrt.inspect.InspectUnderAgentIT#agentJarBuilt",
    disabledReason = "no agent jar: build the agent module, or name it with -Dtaskrt.agent.jar")
class BoundaryUnderAgentIT {
  @TempDir Path dir;

  @Test
  void aFailureCaughtAtABoundaryUnderTheAgentShowsMainDoneAndTheBoundary() throws Exception {
    Path jfr = dir.resolve("boundary-agent.jfr");
    Path log = dir.resolve("boundary-agent.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-javaagent:" + InspectUnderAgentIT.agentJar().toAbsolutePath() + "=jfr=" + jfr,
            "-cp",
            Path.of(
                    BoundaryProgram.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString(),
            BoundaryProgram.class.getName(),
            "agent");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the program ended").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("compare gave 0");
    BoundaryViews.assertShown(jfr);
  }
}
