package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults inside taskrt's reach: each run under the agent with a recording, checking that the
 * application's outcome is what it would be, the fault is reported once, and the recording and the
 * kernel's counts stay consistent.
 */
class FaultsIT {
  @TempDir Path dir;

  private static List<String> taskEnds(Path recording, String name) throws Exception {
    return AgentJvm.events(recording, "taskrt.TaskEnd").stream()
        .filter(e -> name.equals(e.getString("taskName")))
        .map(FaultsIT::outcome)
        .toList();
  }

  private static String outcome(RecordedEvent e) {
    String failure = e.getString("failure");
    return e.getString("outcome") + (failure == null || failure.isEmpty() ? "" : " " + failure);
  }

  @Test
  void aThrowingTaskListenerIsReportedOnceAndChangesNoOutcome() throws Exception {
    Path services = dir.resolve("services");
    Files.createDirectories(services.resolve("META-INF/services"));
    Files.writeString(
        services.resolve("META-INF/services/dev.taskrt.TaskListener"),
        "itapps.faults.ThrowingListener\n");
    Path recording = dir.resolve("listener.jfr");
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .withClassPath(services)
            .agentOptions("jfr=" + recording)
            .run("itapps.faults.ListenerApp")
            .assertStatus(0);

    String bad = "bad -> java.lang.IllegalArgumentException: bad on purpose FAILED";
    assertThat(result.outLines())
        .containsExactly("ok -> 42 DONE", bad, "ok -> 42 DONE", bad, "ok -> 42 DONE", bad);
    assertThat(result.taskrtLines())
        .filteredOn(l -> l.contains("TaskListener"))
        .singleElement()
        .asString()
        .contains("TaskListener itapps.faults.ThrowingListener threw (reported once)");
    assertThat(taskEnds(recording, "ok")).containsOnly("DONE").hasSize(3);
    assertThat(taskEnds(recording, "bad"))
        .containsOnly("FAILED java.lang.IllegalArgumentException: bad on purpose")
        .hasSize(3);
  }

  @Test
  void aThrowingContextCarrierIsReportedOnceAndTheHandOffStillRuns() throws Exception {
    Path recording = dir.resolve("carrier.jfr");
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions("jfr=" + recording + ",threadLocals=itapps.faults.CarrierApp[CONTEXT]")
            .run("itapps.faults.CarrierApp")
            .assertStatus(0);

    assertThat(result.outLines())
        .containsExactly("hand-off 1 ran", "hand-off 2 ran", "hand-off 3 ran");
    assertThat(result.taskrtLines())
        .singleElement()
        .asString()
        .contains("context carrier")
        .contains("CarrierApp[CONTEXT]");
    List<RecordedEvent> ends = AgentJvm.events(recording, "taskrt.TaskEnd");
    assertThat(ends).extracting(e -> e.getString("outcome")).containsOnly("DONE");
    assertThat(ends).extracting(FaultsIT::outcome).containsOnly("DONE");
    // main, and the hand-offs (the pool's thread starts with the first)
    assertThat(ends).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void aSchedulerThatRejectsFailsTheSpawnCleanlyAndLeaksNoTask() throws Exception {
    Path recording = dir.resolve("reject.jfr");
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions("jfr=" + recording)
            .run("itapps.faults.RejectingSchedulerApp")
            .assertStatus(0);

    String refused =
        "join threw TaskFailedException: java.util.concurrent.RejectedExecutionException:"
            + " queue full";
    assertThat(result.outLines())
        .containsExactly(
            "spawn returned a handle in state FAILED",
            refused,
            "spawn returned a handle in state FAILED",
            refused,
            "spawn returned a handle in state FAILED",
            refused,
            "live tasks unchanged: true",
            "default scheduler after: 42");
    // A refused task never ran, yet the recording shows each one: its start, and its end FAILED
    // with the scheduler's refusal.
    long starts =
        AgentJvm.events(recording, "taskrt.TaskStart").stream()
            .filter(e -> "refused".equals(e.getString("taskName")))
            .count();
    assertThat(starts).isEqualTo(3);
    assertThat(taskEnds(recording, "refused"))
        .containsExactly(
            "FAILED java.util.concurrent.RejectedExecutionException: queue full",
            "FAILED java.util.concurrent.RejectedExecutionException: queue full",
            "FAILED java.util.concurrent.RejectedExecutionException: queue full");
    RecordedEvent shutdown = AgentJvm.events(recording, "taskrt.Shutdown").get(0);
    assertThat(shutdown.getString("trigger")).isEqualTo("ROOT_RETURNED");
  }

  @Test
  void outOfMemoryInATaskFailsThatTaskAndTheOthersGoOn() throws Exception {
    Path recording = dir.resolve("oom.jfr");
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .jvmOption("-Xmx48m")
            // The JVM's own log lines (JFR's periodic task may meet the OutOfMemoryError too) go
            // to stderr, so standard output holds the program's lines alone.
            .jvmOption("-Xlog:disable")
            .jvmOption("-Xlog:all=warning:stderr")
            .agentOptions("jfr=" + recording)
            .run("itapps.faults.OutOfMemoryApp")
            .assertStatus(0);

    assertThat(result.outLines())
        .containsExactly(
            "hog FAILED: java.lang.OutOfMemoryError",
            "steady DONE: 500500",
            "after: a new task runs",
            "live tasks back to where they were: true");
    assertThat(taskEnds(recording, "hog"))
        .singleElement()
        .asString()
        .startsWith("FAILED java.lang.OutOfMemoryError");
    assertThat(taskEnds(recording, "steady")).containsExactly("DONE");
    assertThat(taskEnds(recording, "main")).containsExactly("DONE");
  }
}
