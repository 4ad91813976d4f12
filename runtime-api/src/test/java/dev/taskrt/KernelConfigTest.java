package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Kernel.config}: agent options over {@code -Dtaskrt.*} over {@code TASKRT_*} environment
 * variables over the defaults, and the value in force for the runtime's own settings. In a JVM of
 * its own, with its own environment.
 */
class KernelConfigTest {
  @Test
  void configGivesTheValueInForceInOrderOfPrecedence() throws Exception {
    ForkedJvm.Result result =
        ForkedJvm.run(
            ConfigScenario.class,
            List.of("-Dtaskrt.stackLimit=1m", "-Dtaskrt.own=from-property"),
            Map.of(
                "TASKRT_STACK_LIMIT", "2m",
                "TASKRT_SHUTDOWN_TIMEOUT", "3s",
                "TASKRT_DEFAULT_SCHEDULER", "platform",
                "TASKRT_DOUBLE_FAILURE", "explode"));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .contains(
            "before agent stackLimit=1m", // -D over the environment
            "before agent shutdownTimeout=3s", // the environment over the default
            "before agent defaultScheduler=platform",
            "before agent stackSegment=64k", // the default, though nothing set it
            "before agent doubleFailure=record", // not valid: the default in force
            "before agent own=from-property", // any key, not only the runtime's
            "agent stackLimit=4m", // agent options over everything
            "agent shutdownTimeout=7s",
            "args []");
    assertThat(result.err())
        .contains("option doubleFailure='explode' (TASKRT_DOUBLE_FAILURE) is not valid");
  }
}
