package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code propagate} (issue 7): work handed from the main task to the executors and threads the
 * application already uses runs as a child task of main, sees main's inheritable task-locals and
 * the named thread-locals, is recorded with main as its parent, dies when its parent fails, and
 * leaves nothing on pooled threads.
 */
class PropagateIT {
  private static final String APP = "itapps.legacy.HandoffApp";
  private static final String LOCALS = "threadLocals=itapps.legacy.HandoffApp[REQUEST]";
  private static final String CHILD =
      "inTask=true name=main/handoff parent=main user=alice request=r-1";

  @TempDir Path dir;

  private AgentJvm.Result run(Jdk jdk, String options, String kind) throws Exception {
    return AgentJvm.on(jdk).agentOptions(options).run(APP, kind).assertStatus(0);
  }

  /** Asserts the recording holds a child of main named main/handoff, and returns how many. */
  private static long assertChildOfMainRecorded(Path recording) throws Exception {
    List<RecordedEvent> starts = AgentJvm.events(recording, "taskrt.TaskStart");
    long mainId =
        starts.stream()
            .filter(e -> e.getString("taskName").equals("main"))
            .findFirst()
            .orElseThrow()
            .getLong("taskId");
    long children =
        starts.stream()
            .filter(e -> e.getString("taskName").equals("main/handoff"))
            .peek(e -> assertThat(e.getLong("parentId")).isEqualTo(mainId))
            .peek(e -> assertThat(e.getString("mode")).isEqualTo("SUPERVISED"))
            .count();
    assertThat(children).as("hand-off children of main in the recording").isPositive();
    return children;
  }

  private void assertHandOff(Jdk jdk, String kind, String expected) throws Exception {
    Path recording = dir.resolve(kind + ".jfr");
    AgentJvm.Result result = run(jdk, LOCALS + ",jfr=" + recording, kind);
    assertThat(result.outLines())
        .as("err:\n%s", result.err())
        .containsExactly(
            kind + ": " + expected,
            "main after: inTask=true name=main parent=- user=alice request=r-1");
    assertThat(result.taskrtLines()).isEmpty();
    assertChildOfMainRecorded(recording);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void threadPoolSubmitRunsAsAChildOfTheTask(Jdk jdk) throws Exception {
    assertHandOff(jdk, "tpe", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void anExecutorOfTheApplicationsOwnIsCoveredThroughThePoolItDelegatesTo(Jdk jdk)
      throws Exception {
    assertHandOff(jdk, "own-executor", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void completableFutureWithAnExecutorCarriesTheTaskThroughEveryStage(Jdk jdk) throws Exception {
    Path recording = dir.resolve("cf-executor.jfr");
    AgentJvm.Result result = run(jdk, LOCALS + ",jfr=" + recording, "cf-executor");
    // The second stage is handed off by whichever task completes the first: main or its child.
    assertThat(result.outLines().get(0))
        .startsWith("cf-executor: " + CHILD + " | then: inTask=true name=main/handoff")
        .endsWith(" request=r-1");
    assertChildOfMainRecorded(recording);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void completableFutureOnTheCommonPoolCarriesTheTask(Jdk jdk) throws Exception {
    assertHandOff(jdk, "cf-async", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void scheduledOnceAndPeriodicWorkCarriesTheTask(Jdk jdk) throws Exception {
    assertHandOff(jdk, "scheduled", CHILD + " | periodic: " + CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void forkJoinPoolSubmitCarriesTheTask(Jdk jdk) throws Exception {
    assertHandOff(jdk, "fjp", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aNewThreadStartedFromATaskRunsAsItsChild(Jdk jdk) throws Exception {
    assertHandOff(jdk, "thread", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aVirtualThreadStartedFromATaskRunsAsItsChild(Jdk jdk) throws Exception {
    Assumptions.assumeTrue(jdk == Jdk.TEMURIN_25, "virtual threads need JDK 21+");
    assertHandOff(jdk, "virtual", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theVirtualThreadPerTaskExecutorCarriesTheTask(Jdk jdk) throws Exception {
    Assumptions.assumeTrue(jdk == Jdk.TEMURIN_25, "virtual threads need JDK 21+");
    assertHandOff(jdk, "virtual-executor", CHILD);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void withPropagateOffWorkRunsOutsideAnyTask(Jdk jdk) throws Exception {
    AgentJvm.Result result = run(jdk, LOCALS + ",propagate=off", "tpe");
    assertThat(result.outLines()).first().isEqualTo("tpe: inTask=false request=null");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void propagateLinkedMakesLinkedChildren(Jdk jdk) throws Exception {
    Path recording = dir.resolve("linked.jfr");
    run(jdk, "propagate=linked,jfr=" + recording, "tpe");
    assertThat(AgentJvm.events(recording, "taskrt.TaskStart"))
        .filteredOn(e -> e.getString("taskName").equals("main/handoff"))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("mode")).isEqualTo("LINKED"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theParentsFailureKillsTheWorkItHandedToAPool(Jdk jdk) throws Exception {
    AgentJvm.Result result = run(jdk, "", "killed");
    assertThat(result.outLines())
        .containsExactly(
            "parent: java.lang.IllegalStateException: parent fails on purpose",
            "child: killed: java.lang.IllegalStateException: parent fails on purpose");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void tenThousandHandOffsLeaveNoTaskAndNoThreadLocalOnThePooledThreads(Jdk jdk) throws Exception {
    AgentJvm.Result result = run(jdk, LOCALS, "leak");
    assertThat(result.outLines()).first().isEqualTo("hand-offs without the context: 0");
    String after = result.outLines().get(1);
    assertThat(after).startsWith("pooled threads after: ");
    assertThat(after.split("; "))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t).endsWith(": inTask=false request=null"));
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void slf4jMdcFollowsTheTaskThroughAnExecutorWithNoConfiguration(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk).withTestLibraries().run("itapps.legacy.MdcApp").assertStatus(0);
    assertThat(result.outLines())
        .as("err:\n%s", result.err())
        .containsExactly(
            "in the pool: request=r-7",
            "pooled thread afterwards: request=null",
            "main afterwards: request=r-7");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void withoutTheAgentTheMdcStaysOnItsThread(Jdk jdk) throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(jdk).withTestLibraries().withoutAgent().run("itapps.legacy.MdcApp");
    assertThat(result.outLines()).first().isEqualTo("in the pool: request=null");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void theWorkSeesTheTaskLocalsAsTheyWereAtHandOffEvenAfterItsParentEnded(Jdk jdk)
      throws Exception {
    // request=null: the spawned task runs on a taskrt thread, where REQUEST was never set.
    AgentJvm.Result result = run(jdk, LOCALS, "parent-ended");
    assertThat(result.outLines())
        .first()
        .isEqualTo(
            "parent-ended: inTask=true name=short/handoff parent=short user=bob request=null");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aRejectedSubmissionLeavesNoTrace(Jdk jdk) throws Exception {
    Path recording = dir.resolve("rejected.jfr");
    AgentJvm.Result result = run(jdk, "jfr=" + recording, "rejected");
    assertThat(result.outLines()).first().isEqualTo("rejected: rejected");
    assertThat(AgentJvm.events(recording, "taskrt.TaskStart"))
        .extracting(e -> e.getString("taskName"))
        .containsExactly("main");
  }
}
