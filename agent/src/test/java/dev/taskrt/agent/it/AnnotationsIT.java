package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each annotation behaves as DESIGN §2–§3 say, in a real JVM under the agent. */
class AnnotationsIT {
  private static final String APP = "itapps.AnnotatedApp";

  @TempDir Path dir;

  private AgentJvm.Result run(Jdk jdk, Path recording, String scenario) throws Exception {
    return AgentJvm.on(jdk).agentOptions("jfr=" + recording).run(APP, scenario).assertStatus(0);
  }

  private static Map<String, RecordedEvent> taskEndsByName(Path recording) throws Exception {
    return AgentJvm.events(recording, "taskrt.TaskEnd").stream()
        .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e, (a, b) -> a));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void frameScopesDeferAndOnUnwindHooksAndTheStackLimitFailsTheEnteringFrame(Jdk jdk)
      throws Exception {
    Path recording = dir.resolve("frame.jfr");
    AgentJvm.Result result = run(jdk, recording, "frame");

    assertThat(result.outLines())
        .containsSubsequence(
            "main task: main",
            "inside frame of task main",
            "defer ran at frame exit",
            "frame returned 5",
            "onUnwind ran",
            "caller caught IllegalArgumentException: frame failed",
            "caller caught StackLimitExceededError",
            "main returns");
    RecordedEvent limited = taskEndsByName(recording).get("AnnotatedApp.limitedTask");
    assertThat(limited.getString("outcome")).isEqualTo("FAILED");
    assertThat(limited.getString("failure")).contains("StackLimitExceededError");
    assertThat(limited.getLong("stackHighWater")).isPositive().isLessThanOrEqualTo(2048);
    assertThat(AgentJvm.events(recording, "taskrt.StackSegment")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void taskRunsAsAChildAndItsFailureReachesTheCallerAsTheOriginalException(Jdk jdk)
      throws Exception {
    Path recording = dir.resolve("task.jfr");
    AgentJvm.Result result = run(jdk, recording, "task");

    assertThat(result.outLines())
        .containsSubsequence(
            "inside task worker parent main",
            "task returned 42",
            "caller caught IllegalStateException: task failed",
            "caller still in task main, killed=false",
            "stack-size task AnnotatedApp.bigStackTask on its own thread: true",
            "stack-size task returned 42",
            "main returns");
    Map<String, RecordedEvent> ends = taskEndsByName(recording);
    assertThat(ends.get("worker").getString("outcome")).isEqualTo("DONE");
    assertThat(ends.get("AnnotatedApp.failingTask").getString("outcome")).isEqualTo("FAILED");
    assertThat(ends.get("AnnotatedApp.failingTask").getString("failure"))
        .isEqualTo("java.lang.IllegalStateException: task failed");
    assertThat(ends.get("AnnotatedApp.bigStackTask").getString("outcome")).isEqualTo("DONE");
    assertThat(ends.get("main").getString("outcome")).isEqualTo("DONE");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void spawnReturnsAtOnceAndRunsTheBodyAsANewTaskOnAScheduler(Jdk jdk) throws Exception {
    Path recording = dir.resolve("spawn.jfr");
    AgentJvm.Result result = run(jdk, recording, "spawn");

    assertThat(result.outLines())
        .contains(
            "void spawn ran in task fire-and-forget",
            "future 42",
            "completable xx from completer",
            "handle handled joined null",
            "spawn returned on the caller's thread: true");
    // the at_exit handler AnnotatedApp.bye runs as a task too, on the kernel's "at-exit" threads
    List<RecordedEvent> starts =
        AgentJvm.events(recording, "taskrt.TaskStart").stream()
            .filter(e -> !e.getString("scheduler").equals("at-exit"))
            .collect(java.util.stream.Collectors.toList());
    assertThat(starts)
        .filteredOn(e -> !e.getString("taskName").equals("main"))
        .extracting(e -> e.getString("taskName"))
        .containsExactlyInAnyOrder(
            "AnnotatedApp.spawnedFuture", "completer", "handled", "fire-and-forget");
    assertThat(starts)
        .filteredOn(e -> !e.getString("taskName").equals("main"))
        .allSatisfy(e -> assertThat(e.getString("scheduler")).isEqualTo("default"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void foreignCallRunsInStateForeignAndIsTimed(Jdk jdk) throws Exception {
    Path recording = dir.resolve("foreign.jfr");
    AgentJvm.Result result = run(jdk, recording, "foreign");

    assertThat(result.outLines())
        .containsSubsequence(
            "state in foreign call: FOREIGN", "state after foreign call: RUNNING", "main returns");
    assertThat(AgentJvm.events(recording, "taskrt.ForeignCall"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("method")).isEqualTo("AnnotatedApp.foreignCall");
              assertThat(e.getString("taskName")).isEqualTo("main");
            });
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void boundaryStopsFailuresAndReturnsTheFallback(Jdk jdk) throws Exception {
    Path recording = dir.resolve("boundary.jfr");
    AgentJvm.Result result = run(jdk, recording, "boundary");

    assertThat(result.outLines())
        .containsSubsequence(
            "with fallback: -4",
            "without fallback: 0",
            "object without fallback: null",
            "normal result: 100",
            "main returns");
    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: @Boundary AnnotatedApp.withFallback stopped java.lang.IllegalStateException:"
                + " boundary crossed with 4 in task 'main' (#1); returning its fallback",
            "taskrt: @Boundary AnnotatedApp.withoutFallback stopped"
                + " java.lang.UnsupportedOperationException: no fallback in task 'main' (#1);"
                + " returning its fallback",
            "taskrt: @Boundary AnnotatedApp.objectWithoutFallback stopped"
                + " java.lang.UnsupportedOperationException: no fallback either in task 'main'"
                + " (#1); returning its fallback");
    assertThat(AgentJvm.events(recording, "taskrt.TaskFailure"))
        .extracting(e -> e.getString("exceptionClass"))
        .containsExactly(
            "java.lang.IllegalStateException",
            "java.lang.UnsupportedOperationException",
            "java.lang.UnsupportedOperationException");
    assertThat(taskEndsByName(recording).get("main").getString("outcome")).isEqualTo("DONE");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void impossibleTargetsAreSkippedWithOneWarningEachAndTheClassStillRuns(Jdk jdk) throws Exception {
    AgentJvm.Result result = AgentJvm.on(jdk).run("itapps.ImpossibleTargets").assertStatus(0);

    assertThat(result.outLines())
        .containsExactly("the rest of the class works", "spawnReturningInt ran synchronously: 1");
    assertThat(result.taskrtLines())
        .containsExactlyInAnyOrder(
            "taskrt: skipped @AtExit on itapps.ImpossibleTargets.instanceAtExit(): it is an"
                + " instance method; @AtExit needs a static method with no parameters",
            "taskrt: skipped @AtExit on itapps.ImpossibleTargets.atExitWithParameter(int): it"
                + " takes parameters; @AtExit needs a static method with no parameters",
            "taskrt: skipped @Spawn on itapps.ImpossibleTargets.spawnReturningInt(): it returns"
                + " int, and a spawned method returns at once with void, Future,"
                + " CompletableFuture or TaskHandle",
            "taskrt: skipped @Frame on itapps.ImpossibleTargets.abstractFrame(): it is abstract:"
                + " there is no body to rewrite",
            "taskrt: skipped @Foreign on itapps.ImpossibleTargets.nativeForeign(): it is native:"
                + " there is no bytecode body (put the annotation on the Java method that calls"
                + " it)");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void strictStopsTheJvmAtAnImpossibleTarget(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk).agentOptions("strict=true").run("itapps.ImpossibleTargets");

    assertThat(result.status()).isEqualTo(3);
    assertThat(result.taskrtLines()).hasSize(1);
    assertThat(result.taskrtLines().get(0)).endsWith("(strict=true: stopping the JVM)");
    assertThat(result.out()).doesNotContain("the rest of the class works");
  }
}
