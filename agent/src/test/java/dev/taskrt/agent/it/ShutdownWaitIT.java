package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §4: after the root task returns, the kernel waits for strong tasks without a bound (as the
 * JVM waits for non-daemon threads), and every {@code shutdownTimeout} it names on stderr the
 * strong tasks it still waits for.
 */
class ShutdownWaitIT {
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theWaitForAStrongTaskNamesItEachPeriodAndEndsWhenTheTaskEnds(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("shutdownTimeout=200ms")
            .run("itapps.safe.StrongTaskOutlivesMainApp")
            .assertStatus(0);
    assertThat(result.outLines()).containsExactly("main returns", "worker done");
    assertThat(result.taskrtLines())
        .as(result.err())
        .isNotEmpty()
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("main returned", "waiting for 1 strong task", "worker (#2)"));
  }
}
