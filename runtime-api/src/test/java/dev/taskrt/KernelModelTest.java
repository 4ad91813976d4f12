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

/**
 * The kernel's components as DESIGN §1 describes them, in a JVM of its own: at_exit handlers run as
 * tasks, schedulers count their tasks and end their threads with the kernel.
 */
class KernelModelTest {
  private static ForkedJvm.Result result;
  private static List<RecordedEvent> events;

  @BeforeAll
  static void runScenario(@TempDir Path dir) throws Exception {
    Path recording = dir.resolve("model.jfr");
    result =
        ForkedJvm.run(
            AtExitScenario.class,
            List.of(
                "-Dtaskrt.shutdownTimeout=500ms",
                "-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true"));
    events = RecordingFile.readAllEvents(recording);
  }

  @Test
  void anAtExitHandlerRunsAsATaskNamedAfterItWithTaskLocalsAndDefer() {
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out().lines().collect(Collectors.toList()))
        .containsSubsequence("tidy in task true named tidy local tidy-local", "tidy deferred ran");
  }

  @Test
  void theAtExitEventNamesTheTaskTheHandlerRanAs() {
    RecordedEvent tidy = atExit("tidy");
    RecordedEvent start =
        named("taskrt.TaskStart").stream()
            .filter(e -> e.getLong("taskId") == tidy.getLong("taskId"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no TaskStart for the handler's task id"));
    assertThat(start.getString("taskName")).isEqualTo("tidy");
    assertThat(start.getLong("parentId")).isZero();
  }

  @Test
  void aHandlerOverItsTimeIsTimedOutAndKilled() {
    assertThat(atExit("slow").getString("outcome")).isEqualTo("TIMED_OUT");
    assertThat(result.err()).contains("at_exit handler 'slow' still running after 500 ms");
    assertThat(result.out()).contains("slow unwound after kill");
  }

  @Test
  void schedulersCountTheirTasksAndTheKernelEndsTheirThreads() {
    assertThat(result.out())
        .contains("counts single:worker started=1 mine started=1")
        .contains("scheduler mine closed")
        .contains("single:worker thread alive after shutdown false");
    List<String> stats =
        named("taskrt.SchedulerStats").stream()
            .map(e -> e.getString("scheduler") + " " + e.getLong("tasksStarted"))
            .collect(Collectors.toList());
    assertThat(stats).contains("single:worker 1", "mine 1");
  }

  private static RecordedEvent atExit(String handler) {
    return named("taskrt.AtExit").stream()
        .filter(e -> e.getString("handler").equals(handler))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no AtExit event for " + handler));
  }

  private static List<RecordedEvent> named(String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }
}
