package dev.taskrt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.config.Warnings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The self-test without the agent (a unit test's JVM): the probe loads unchanged, and the one
 * message says so and what to do. Under the agent it is silent (the agent ITs assert an empty
 * stderr).
 */
class SelfTestTest {
  @Test
  void anUnrewrittenProbeGetsOneActionableMessageAndTheJvmRunsOn() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Warnings warnings = new Warnings(new PrintStream(text, true, StandardCharsets.UTF_8), false);

    SelfTest.run(warnings);

    assertThat(text.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        "taskrt: self-test failed: a probe class loaded after the agent started"
                            + " came back unchanged.")
                    .contains("Annotations and patterns will not take effect in this JVM")
                    .contains("run once with only taskrt's -javaagent"));
  }

  @Test
  void theProbeIsTheClassTheTransformerIsToldToRewrite() {
    assertThat(SelfTestProbe.class.getName().replace('.', '/'))
        .isEqualTo(SelfTestProbe.INTERNAL_NAME);
  }
}
