package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Under {@code frames=itapps.frames.*[*]} the loop-free leaves of the class run without a frame,
 * and still every recursion, direct or mutual, through small methods, static or virtual, fails its
 * task with {@code StackLimitExceededError} under the stack limit, before the thread's real stack
 * runs out: a method on a cycle of calls calls, so it is never left out as a leaf, and the methods
 * that call but are left out ({@code FrameWorth}'s pass-throughs) cannot reach themselves without a
 * framed method: {@code walk} recurses through {@code step}, which has no frame.
 */
class FramesWildcardIT {
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void recursionThroughSmallMethodsIsStillCaughtUnderAWildcard(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("frames=itapps.frames.*[*],stackLimit=64k")
            .run("itapps.frames.Recursions")
            .assertStatus(0);

    assertThat(result.outLines())
        .containsExactly(
            "small: 10 10 10",
            "down failed: StackLimitExceededError",
            "ping failed: StackLimitExceededError",
            "nest failed: StackLimitExceededError",
            "walk failed: StackLimitExceededError",
            "leaves: 2 0 6",
            "pass-throughs: 3 0 7 9 0 1");
    assertThat(result.taskrtLines()).isEmpty();
  }
}
