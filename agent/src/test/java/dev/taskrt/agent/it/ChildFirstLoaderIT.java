package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A child-first class loader whose class path also carries the runtime (as a web application that
 * packs its own copy) still sees the JVM's one kernel under the agent.
 */
class ChildFirstLoaderIT {
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void childFirstLoaderWithItsOwnRuntimeCopySeesTheSameKernel(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .run("itapps.ChildFirstApp", AgentJvm.AGENT_JAR.toString(), AgentJvm.APPS.toString())
            .assertStatus(0);

    assertThat(result.outLines())
        .containsExactly(
            "probe loaded by the child loader: true",
            "runtime loader seen by the child: null",
            "same runtime class: true",
            "same kernel: true");
  }
}
