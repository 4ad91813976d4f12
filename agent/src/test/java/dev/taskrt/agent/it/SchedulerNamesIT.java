package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §2: a scheduler name that nothing registered, given in the options or in an annotation,
 * gets one message naming it and the registered schedulers, and the work runs on {@code default}
 * (fail open); nothing is thrown into the application.
 */
class SchedulerNamesIT {
  private static final String APP = "itapps.safe.SchedulerNamesApp";

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void anUnknownDefaultSchedulerGetsOneMessageAndEverySpawnRunsOnDefault(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("defaultScheduler=nope").run(APP, "option").assertStatus(0);
    assertThat(result.outLines())
        .containsExactly(
            "@Spawn 1 ran on default",
            "@Spawn 2 ran on default",
            "Tasks.spawn 1 ran on default",
            "Tasks.spawn 2 ran on default");
    assertThat(result.taskrtLines())
        .as(result.err())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("'nope'", "defaultScheduler", "default", "platform", "'default'"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void anUnknownSchedulerInAnAnnotationGetsOneMessageAndItsTasksRunOnDefault(Jdk jdk)
      throws Exception {
    AgentJvm.Result result = AgentJvm.on(jdk).run(APP, "annotation").assertStatus(0);
    assertThat(result.outLines())
        .containsExactly("@Spawn(typo) 1 ran on default", "@Spawn(typo) 2 ran on default");
    assertThat(result.taskrtLines())
        .as(result.err())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("'typo'", "SchedulerNamesApp.typo", "platform", "'default'"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void underStrictAnUnknownSchedulerStopsTheJvm(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("strict=true").run(APP, "annotation").assertStatus(3);
    assertThat(result.outLines()).isEmpty();
    assertThat(result.taskrtLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("'typo'", "strict=true"));
  }
}
