package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fourth rule of {@code FrameWorth}: under {@code frames=itapps.promises.lib.*[*]}, {@code
 * Walker.step} keeps no frame, since it calls only the abstract {@code Node.next}; the agent
 * promises that every implementation of it loaded later will keep a frame. It keeps the promise for
 * the library's node, for a node of the application (outside the pattern) and for a node defined as
 * a hidden class (which no class file transformer sees): a recursion through {@code step} and any
 * of the three nodes fails with {@code StackLimitExceededError}, not with the thread's real {@code
 * StackOverflowError}.
 */
class PromisesIT {
  private static final String LEFT_OUT =
      "taskrt: skip itapps.promises.lib.Walker.step(itapps.promises.lib.Node, int)"
          + " (frames=itapps.promises.lib.*[*]): no frame needed: each of its calls runs a method"
          + " that keeps a frame or needs none, and so will every override loaded later";

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aRecursionThroughAMethodLeftOutOnAPromiseIsCaughtWhateverOverrideItRunsThrough(Jdk jdk)
      throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("frames=itapps.promises.lib.*[*],stackLimit=64k,verbose=true")
            .run("itapps.promises.Promises")
            .assertStatus(0);

    assertThat(result.outLines())
        .containsExactly(
            "small: 4",
            "library node failed: StackLimitExceededError",
            "four levels failed: StackLimitExceededError",
            "application node failed: StackLimitExceededError",
            "hidden node failed: StackLimitExceededError",
            "delegation failed: StackLimitExceededError",
            "own key through a subclass failed: StackLimitExceededError",
            "a pass-through above a method left out failed: StackLimitExceededError");
    assertThat(result.taskrtLines())
        .contains(
            LEFT_OUT,
            "taskrt: skip itapps.promises.lib.Levels.fourth(itapps.promises.lib.Node, int)"
                + " (frames=itapps.promises.lib.*[*]): no frame needed: each of its calls runs a"
                + " method that keeps a frame or needs none, and so will every override loaded"
                + " later",
            "taskrt: rewrite itapps.promises.app.AppNode.next(int) into frame at its one call"
                + " (itapps.promises.lib.Walker.step) (an override of a method that methods left"
                + " without a frame count on)",
            "taskrt: rewrite itapps.promises.app.HiddenNode.next(int) into frame at its one call"
                + " (itapps.promises.lib.Walker.step) (an override of a method that methods left"
                + " without a frame count on)")
        .noneMatch(l -> l.startsWith("taskrt: could not frame"));
  }

  /**
   * A recursion that enters the library again and again through {@code Runnable}, a type no pattern
   * covers: the method it enters keeps its frame (the fourth rule would have left it out, with
   * three methods below it), so each trip counts what runs below it without a frame, and the stack
   * limit is met before the thread's stack runs out. (Built without that check, the agent lets this
   * end in {@code StackOverflowError}: tried on 2026-12-07.)
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aMethodEnteredFromCodeNoPatternCoversKeepsItsFrame(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("frames=itapps.promises.lib.*[*],stackLimit=64k,verbose=true")
            .run("itapps.promises.Entries")
            .assertStatus(0);

    assertThat(result.outLines()).containsExactly("failed: StackLimitExceededError");
    assertThat(result.taskrtLines())
        .contains(
            "taskrt: rewrite itapps.promises.lib.Entered.run() into frame"
                + " (frames=itapps.promises.lib.*[*])");
  }

  /**
   * A pattern that names the method keeps its frame, and with no wildcard the rule is off: no class
   * outside the pattern gets a frame.
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theRuleIsOffWithoutAWildcardOrUnderAnExactPattern(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions("frames=itapps.promises.lib.Walker[step],stackLimit=64k,verbose=true")
            .run("itapps.promises.Promises")
            .assertStatus(0);

    assertThat(result.taskrtLines())
        .contains(
            "taskrt: rewrite itapps.promises.lib.Walker.step(itapps.promises.lib.Node, int) into frame"
                + " (frames=itapps.promises.lib.Walker[step])")
        .noneMatch(l -> l.contains("an override of a method"));
  }
}
