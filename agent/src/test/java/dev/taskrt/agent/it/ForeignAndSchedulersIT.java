package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Under the agent, on JDK 17 and Temurin 25: a kill waits for a {@code @Foreign} call to return,
 * {@code @Foreign(stackSize)} runs the call on a thread of its own while the task is FOREIGN and
 * gives back its very exception, and the {@code virtual} scheduler runs tasks on virtual threads
 * where the JDK has them (and says why not where it has not).
 */
class ForeignAndSchedulersIT {
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void foreignCallsHoldKillsOffAndRunOnTheirOwnStackAndVirtualSchedulingWorks(Jdk jdk)
      throws Exception {
    AgentJvm.Result run = AgentJvm.on(jdk).run("itapps.ForeignApp").assertStatus(0);
    List<String> lines = run.out().lines().filter(l -> !l.startsWith("[")).toList();
    assertThat(lines)
        .containsSubsequence(
            "state in the call: FOREIGN",
            "state 200 ms after the kill: FOREIGN",
            "the foreign call finished",
            "after the foreign call, before a checkpoint",
            "outcome: KILLED",
            "own stack: taskrt-foreign-N while the caller is FOREIGN",
            "thrown: the same exception object");
    assertThat(lines).doesNotContain("not reached");
    if (jdk == Jdk.CURRENT && Runtime.version().feature() < 21) {
      assertThat(lines)
          .anyMatch(l -> l.startsWith("no virtual threads: scheduler 'virtual' needs virtual"));
    } else {
      assertThat(lines).contains("virtual thread: true, virtual scheduler ran 1");
    }
  }
}
