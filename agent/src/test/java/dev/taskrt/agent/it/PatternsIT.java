package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same behaviour as the annotations, reached through the agent's pattern options on a class
 * compiled without any taskrt type: from the agent arguments, from {@code -Dtaskrt.KEY}, and from a
 * {@code config=FILE}.
 */
class PatternsIT {
  private static final String APP = "itapps.plain.PlainService";
  private static final String PATTERNS =
      "tasks=itapps.plain.PlainService[handle*],"
          + "spawn=itapps.plain.*[startJob],"
          + "boundaries=itapps.plain.PlainService[parseGuarded],"
          + "foreign=itapps.plain.PlainService[callNative],"
          + "frames=itapps.plain.PlainService[step,main]";

  @TempDir Path dir;

  @Test
  void theTargetClassHoldsNoTaskrtType() throws Exception {
    byte[] bytes = Files.readAllBytes(AgentJvm.APPS.resolve("itapps/plain/PlainService.class"));
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("dev/taskrt");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void patternsInTheAgentOptionsActAsTheAnnotations(Jdk jdk) throws Exception {
    Path recording = dir.resolve("patterns.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions(PATTERNS + ",jfr=" + recording).run(APP).assertStatus(0);
    assertPatternBehaviour(result, recording);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void patternsFromSystemPropertiesAndAConfigFileActTheSame(Jdk jdk) throws Exception {
    Path recording = dir.resolve("config.jfr");
    Path config = dir.resolve("taskrt.properties");
    Files.writeString(
        config,
        "spawn=itapps.plain.*[startJob]\n"
            + "boundaries=itapps.plain.PlainService[parseGuarded]\n"
            + "foreign=itapps.plain.PlainService[callNative]\n"
            + "frames=itapps.plain.PlainService[step,main]\n"
            + "jfr="
            + recording.toString().replace("\\", "\\\\")
            + "\n");
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .jvmOption("-Dtaskrt.tasks=itapps.plain.PlainService[handle*]")
            .agentOptions("config=" + config)
            .run(APP)
            .assertStatus(0);
    assertPatternBehaviour(result, recording);
  }

  private static void assertPatternBehaviour(AgentJvm.Result result, Path recording)
      throws Exception {
    assertThat(result.outLines())
        .containsExactly(
            "handle ran on main",
            "caller caught IllegalStateException: handler failed",
            "job ran on taskrt-default-1",
            "parse gave 0",
            "native-like call gave 4",
            "frame gave 6");
    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: @Boundary PlainService.parseGuarded stopped"
                + " java.lang.NumberFormatException: For input string: \"x\" in task 'main' (#1);"
                + " returning its fallback");
    Map<String, String> outcomes =
        AgentJvm.events(recording, "taskrt.TaskEnd").stream()
            .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e.getString("outcome")));
    assertThat(outcomes)
        .containsEntry("PlainService.handleRequest", "DONE")
        .containsEntry("PlainService.handleFailure", "FAILED")
        .containsEntry("PlainService.startJob", "DONE")
        .containsEntry("main", "DONE");
    assertThat(AgentJvm.events(recording, "taskrt.ForeignCall"))
        .extracting((RecordedEvent e) -> e.getString("method"))
        .containsExactly("PlainService.callNative");
  }
}
