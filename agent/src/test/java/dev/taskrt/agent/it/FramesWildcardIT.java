package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Under {@code frames=itapps.frames.*[*]} the loop-free leaves of the class run without a frame,
 * and still every recursion, direct or mutual, through small methods, static or virtual, fails its
 * task with {@code StackLimitExceededError} under the stack limit, before the thread's real stack
 * runs out: a method on a cycle of calls calls, so it is never left out as a leaf, and the methods
 * that call but are left out ({@code FrameWorth}'s pass-throughs) cannot reach themselves without a
 * framed method: {@code walk} recurses through {@code step}, which has no frame. Methods framed at
 * their one call ({@code OneCallFrames}) still catch a recursion through them ({@code echo}, along
 * a virtual call), and an exception out of that call leaves their frame.
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
            "echo failed: StackLimitExceededError",
            "one-call frames: 5 100000 caught, then 100 8",
            "leaves: 2 0 6",
            "pass-throughs: 3 0 7 9 0 1");
    assertThat(result.taskrtLines()).isEmpty();
  }

  /**
   * The frames a wildcard made call entry points the JIT never inlines (the JVM honours the mark
   * the agent adds as the bootstrap loader loads them), so each small framed method carries two
   * calls in its machine code, not the whole fast path.
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theJitKeepsAWildcardsEntryPointsOutOfLine(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            // one compiler thread (C1 only), so that its lines of decisions do not interleave, and
            // each method compiled as it gets hot, before the program goes on (not left queued)
            .jvmOption("-XX:CICompilerCount=1")
            .jvmOption("-Xbatch")
            .jvmOption("-XX:+UnlockDiagnosticVMOptions")
            .jvmOption("-XX:+PrintInlining")
            .agentOptions("frames=itapps.frames.*[*],stackLimit=64k")
            .run("itapps.frames.Recursions")
            .assertStatus(0);

    List<String> decisions =
        result.outLines().stream().filter(l -> l.contains("WildcardFrames::")).toList();
    assertThat(decisions).isNotEmpty().allMatch(l -> l.endsWith("don't inline by annotation"));
    // the handler's entry point: not loaded until an exception first crosses a frame (the
    // recursions here throw), marked like the others once it is
    List<String> handlerDecisions =
        result.outLines().stream().filter(l -> l.contains("WildcardFrameHandler::")).toList();
    assertThat(handlerDecisions)
        .isNotEmpty()
        .allMatch(l -> l.endsWith("don't inline by annotation") || l.contains("(not loaded)"), "")
        .anyMatch(l -> l.endsWith("don't inline by annotation"));
  }

  /**
   * A wildcard frame's handler calls a class that nothing loads before an exception first crosses
   * such a frame (so that until then the JIT compiles handlers as traps); the first exception,
   * through a method the JIT has compiled, still runs the frame's hooks before the catch.
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theHandlersClassLoadsWithTheFirstExceptionAndTheHandlerRuns(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .jvmOption("-Xlog:class+load=info")
            // compiling in the foreground: the framed method is compiled long before it throws
            .jvmOption("-Xbatch")
            .agentOptions("frames=itapps.handler.*[*]")
            .run("itapps.handler.HandlerLoad")
            .assertStatus(0);

    List<String> seen =
        result.outLines().stream()
            .filter(
                l ->
                    !l.contains("[class,load]")
                        || l.contains("dev.taskrt.internal.entry.WildcardFrameHandler "))
            .map(l -> l.contains("[class,load]") ? "loaded WildcardFrameHandler" : l)
            .toList();
    assertThat(seen)
        .containsExactly(
            "quiet: 350000",
            "loaded WildcardFrameHandler",
            "unwound",
            "caught: failed at 50000",
            "unwound",
            "caught: failed at 50001");
    assertThat(result.taskrtLines()).isEmpty();
  }
}
