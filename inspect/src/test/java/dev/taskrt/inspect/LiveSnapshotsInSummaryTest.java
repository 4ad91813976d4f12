package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Kernel;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made while {@code top} watched holds live-task snapshots; {@code inspect}'s summary
 * reports them, in text and in JSON that keeps to the schema.
 */
class LiveSnapshotsInSummaryTest {

  @Test
  void summaryReportsTheLastLiveTaskSnapshot(@TempDir Path dir) throws Exception {
    Kernel.liveTasks();
    Path file = dir.resolve("watched.jfr");
    Pipe<String> pipe = Pipes.stream(1);
    try (Recording recording = new Recording()) {
      recording.enable("taskrt.TaskStart");
      recording.enable("taskrt.TaskEnd");
      recording.enable("taskrt.KernelStats").withPeriod(Duration.ofMillis(100));
      recording.enable("taskrt.LiveTask");
      recording.enable("taskrt.LiveTasks").withPeriod(Duration.ofMillis(100));
      recording.start();
      TaskHandle<String> reader =
          Tasks.builder().name("reader").mode(SpawnMode.UNLINKED).spawn(() -> pipe.port().recv());
      TaskHandle<String> joiner =
          Tasks.builder().name("joiner").mode(SpawnMode.UNLINKED).spawn(reader::join);
      while (!reader.state().name().equals("BLOCKED") || !joiner.state().name().equals("BLOCKED")) {
        Thread.sleep(5);
      }
      Thread.sleep(500); // several snapshots with both blocked
      recording.stop();
      recording.dump(file);
      pipe.chan().send("done");
      joiner.join();
    }

    Inspected text = Inspected.run(file.toString(), "summary");
    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out())
        .containsPattern("live-task snapshots: \\d+ \\(taken while top watched\\); the last at \\+")
        .containsPattern(
            "\\R    \\d+ live: \\d+ running, \\d+ blocked \\(join 1, pipe 1\\), 0 foreign, 0"
                + " unwinding");

    Inspected json = Inspected.run(file.toString(), "summary", "--json");
    assertThat(json.status()).isZero();
    Object doc = JsonValue.parse(json.out());
    assertThat(
            SchemaCheck.check(
                JsonValue.parse(Files.readString(Path.of("../docs/inspect-schema.json"))), doc))
        .isEmpty();
    assertThat(JsonValue.at(doc, "summary", "liveSnapshots", "waitingOn", "pipe")).isEqualTo(1.0);
    assertThat(JsonValue.at(doc, "summary", "liveSnapshots", "waitingOn", "join")).isEqualTo(1.0);
  }
}
