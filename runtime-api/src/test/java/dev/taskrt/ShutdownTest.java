package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root-returned shutdown sequence, in a JVM of its own, read from output and recording. */
class ShutdownTest {
  private static ForkedJvm.Result result;
  private static List<RecordedEvent> events;

  @BeforeAll
  static void runScenario(@TempDir Path dir) throws Exception {
    Path recording = dir.resolve("shutdown.jfr");
    result =
        ForkedJvm.run(
            ShutdownScenario.class,
            List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"));
    events = RecordingFile.readAllEvents(recording);
  }

  @Test
  void strongTasksFinishThenAtExitHandlersRunLastRegisteredFirstThenWeakTasksAreKilled() {
    assertThat(result.status()).as(result.err()).isZero();
    List<String> lines = result.out().lines().collect(Collectors.toList());
    assertThat(lines)
        .containsSubsequence(
            "main returns",
            "worker finished",
            "at_exit third-registered, flusher alive, strong tasks 0",
            "at_exit second-registered fails",
            "at_exit first-registered",
            "flusher unwinding after kill",
            "flusher ended KILLED");
  }

  @Test
  void aFailingHandlerIsReportedAndDoesNotStopTheOthers() {
    assertThat(result.err())
        .contains("at_exit handler 'second-registered' failed")
        .contains("handler broke");
    assertThat(result.out()).contains("at_exit first-registered");
  }

  @Test
  void registeringAfterShutdownBeganIsRefusedWithAClearMessage() {
    assertThat(result.out())
        .contains("refused: at_exit handler 'too-late' registered after shutdown began");
  }

  @Test
  void theRecordingHoldsTheShutdownAndEachAtExitHandler() {
    List<RecordedEvent> atExit = named("taskrt.AtExit");
    assertThat(atExit)
        .extracting(
            e -> e.getString("handler") + " " + e.getInt("order") + " " + e.getString("outcome"))
        .containsExactly(
            "third-registered 1 DONE", "second-registered 2 FAILED", "first-registered 3 DONE");
    assertThat(atExit.get(1).getString("failure")).contains("handler broke");

    RecordedEvent shutdown = named("taskrt.Shutdown").get(0);
    assertThat(shutdown.getString("trigger")).isEqualTo("ROOT_RETURNED");
    assertThat(shutdown.getInt("exitStatus")).isZero();
    assertThat(shutdown.getInt("strongWaited")).isEqualTo(1);
    assertThat(shutdown.getInt("atExitRun")).isEqualTo(3);
    assertThat(shutdown.getInt("atExitFailed")).isEqualTo(1);
    assertThat(shutdown.getInt("weakKilled")).isEqualTo(1);
    assertThat(shutdown.getInt("abandoned")).isZero();

    RecordedEvent flusherEnd =
        named("taskrt.TaskEnd").stream()
            .filter(e -> e.getString("taskName").equals("flusher"))
            .findFirst()
            .orElseThrow();
    assertThat(flusherEnd.getString("outcome")).isEqualTo("KILLED");
    assertThat(flusherEnd.getBoolean("weak")).isTrue();
  }

  @Test
  void onSystemExitStrongTasksAreKilledBeforeAtExitAndTheStatusIsKept(@TempDir Path dir)
      throws Exception {
    Path recording = dir.resolve("exit.jfr");
    ForkedJvm.Result exit =
        ForkedJvm.run(
            ExitScenario.class,
            List.of("-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"));
    assertThat(exit.status()).as(exit.err()).isEqualTo(3);
    assertThat(exit.out().lines().collect(Collectors.toList()))
        .containsSubsequence(
            "worker unwinding after kill",
            "at_exit report, strong 0",
            "poller unwinding after kill");
    RecordedEvent shutdown =
        RecordingFile.readAllEvents(recording).stream()
            .filter(e -> e.getEventType().getName().equals("taskrt.Shutdown"))
            .findFirst()
            .orElseThrow();
    assertThat(shutdown.getString("trigger")).isEqualTo("SYSTEM_EXIT");
    assertThat(shutdown.getInt("exitStatus")).isEqualTo(3);
    assertThat(shutdown.getInt("strongKilled")).isEqualTo(1);
    assertThat(shutdown.getInt("weakKilled")).isEqualTo(1);
  }

  private static List<RecordedEvent> named(String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }
}
