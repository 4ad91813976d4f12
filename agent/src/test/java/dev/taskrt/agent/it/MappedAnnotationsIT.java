package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code annotations=} (issue 7): annotations of the application's own are treated as taskrt's, so
 * existing code gets task contexts without edits.
 */
class MappedAnnotationsIT {
  private static final String APP = "itapps.legacy.MappedAnnotationsApp";
  private static final String MAPPING =
      "annotations=itapps.legacy.MappedAnnotationsApp$Async=Spawn;"
          + "itapps.legacy.MappedAnnotationsApp$Traced=Task";

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void mappedAnnotationsSpawnAndRunTasks(Jdk jdk) throws Exception {
    AgentJvm.Result result = AgentJvm.on(jdk).agentOptions(MAPPING).run(APP).assertStatus(0);
    assertThat(result.outLines())
        .as("err:\n%s", result.err())
        .containsExactly(
            "@Async: MappedAnnotationsApp.later (parent main, thread other)",
            "@Traced: MappedAnnotationsApp.traced (parent main, thread main)");
    assertThat(result.taskrtLines()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void withoutTheMappingTheAnnotationsAreInert(Jdk jdk) throws Exception {
    AgentJvm.Result result = AgentJvm.on(jdk).run(APP).assertStatus(0);
    assertThat(result.outLines())
        .containsExactly(
            "@Async: main (parent -, thread main)", "@Traced: main (parent -, thread main)");
  }
}
