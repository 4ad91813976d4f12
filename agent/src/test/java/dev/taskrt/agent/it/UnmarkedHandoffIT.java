package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DESIGN §8: work that a program naming nothing of taskrt hands to a pool keeps running when main
 * throws, as it does without the agent: the implicit root task's failure kills none of it, and work
 * still queued runs too.
 */
class UnmarkedHandoffIT {
  private static final String APP = "itapps.plain.MainThrowsWhilePoolWorks";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void workHandedToAPoolFinishesWhenMainThrowsAsWithoutTheAgent(Jdk jdk) throws Exception {
    AgentJvm.Result without = AgentJvm.on(jdk).withoutAgent().run(APP).assertStatus(1);
    assertThat(without.outLines())
        .containsExactly("main throws", "running work done", "queued work done");

    AgentJvm.Result with = AgentJvm.on(jdk).run(APP).assertStatus(1);
    assertThat(with.outLines()).isEqualTo(without.outLines());
    assertThat(with.err()).contains("java.lang.IllegalStateException: main fails on purpose");

    Path recording = dir.resolve("unmarked.jfr");
    AgentJvm.Result recorded =
        AgentJvm.on(jdk).agentOptions("jfr=" + recording).run(APP).assertStatus(1);
    assertThat(recorded.outLines()).isEqualTo(without.outLines());
    assertThat(AgentJvm.events(recording, "taskrt.TaskEnd"))
        .filteredOn(e -> e.getString("taskName").equals("main/handoff"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.getString("outcome")).isEqualTo("DONE"));
  }
}
