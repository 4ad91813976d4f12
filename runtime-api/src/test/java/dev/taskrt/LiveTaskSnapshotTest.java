package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-task snapshot a live view reads: with {@code taskrt.LiveTasks} enabled with a period,
 * every live task is listed with its state and what a blocked one waits on; without it, nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveTaskSnapshotTest {

  @Test
  @Order(2)
  void listsLiveTasksWithWhatTheBlockedOnesWaitOn(@TempDir Path dir) throws Exception {
    Kernel.liveTasks();
    Path file = dir.resolve("live.jfr");
    Pipe<String> pipe = Pipes.stream(4);
    CountDownLatch release = new CountDownLatch(1);
    long receiverId;
    long beforeSpawn;
    try (Recording recording = new Recording()) {
      recording.enable("taskrt.TaskEnd");
      recording.enable("taskrt.LiveTask");
      recording.enable("taskrt.LiveTasks").withPeriod(Duration.ofMillis(100));
      recording.start();
      beforeSpawn = System.currentTimeMillis();
      TaskHandle<String> receiver =
          Tasks.builder().name("receiver").mode(SpawnMode.UNLINKED).spawn(() -> pipe.port().recv());
      TaskHandle<Object> sleeper =
          Tasks.builder()
              .name("sleeper")
              .mode(SpawnMode.UNLINKED)
              .spawn(
                  () -> {
                    Tasks.sleep(Duration.ofSeconds(30));
                    return null;
                  });
      TaskHandle<Object> spinner =
          Tasks.builder()
              .name("spinner")
              .mode(SpawnMode.UNLINKED)
              .spawn(
                  () -> {
                    while (release.getCount() > 0) {
                      Tasks.checkpoint();
                    }
                    return null;
                  });
      TaskHandle<Object> joiner =
          Tasks.builder().name("joiner").mode(SpawnMode.UNLINKED).spawn(() -> receiver.join());
      receiverId = receiver.id();
      awaitSnapshotWith(recording, dir, Map.of("receiver", "pipe", "joiner", "join"));
      Thread.sleep(600); // at least five more snapshots, all four tasks settled
      recording.stop();
      recording.dump(file);
      pipe.chan().send("done");
      release.countDown();
      sleeper.kill();
      joiner.join();
      spinner.join();
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    List<RecordedEvent> summaries = named(events, "taskrt.LiveTasks");
    assertThat(summaries).isNotEmpty();
    long last = summaries.get(summaries.size() - 1).getLong("snapshot");
    Map<String, RecordedEvent> lastRows =
        named(events, "taskrt.LiveTask").stream()
            .filter(e -> e.getLong("snapshot") == last)
            .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e, (a, b) -> a));
    assertThat(lastRows).containsKeys("receiver", "sleeper", "spinner", "joiner");
    assertThat(lastRows.get("receiver").getString("state")).isEqualTo("BLOCKED");
    assertThat(lastRows.get("receiver").getString("waitKind")).isEqualTo("pipe");
    assertThat(lastRows.get("receiver").getString("waitDetail")).isEqualTo("recv on stream");
    assertThat(lastRows.get("sleeper").getString("waitKind")).isEqualTo("sleep");
    assertThat(lastRows.get("joiner").getString("waitKind")).isEqualTo("join");
    assertThat(lastRows.get("joiner").getString("waitDetail")).isEqualTo("receiver");
    assertThat(lastRows.get("joiner").getLong("waitId")).isEqualTo(receiverId);
    assertThat(lastRows.get("spinner").getString("state")).isEqualTo("RUNNING");
    assertThat(lastRows.get("spinner").getString("waitKind")).isEmpty();
    RecordedEvent summary = summaries.get(summaries.size() - 1);
    // Ages come from the first snapshot that listed a task, and that stamp stays with it.
    long spinnerSince = lastRows.get("spinner").getLong("listedSince");
    // The stamp is the time its snapshot began: a task spawned while that snapshot walked the
    // tasks carries a stamp up to one period (100 ms) before its spawn.
    assertThat(spinnerSince)
        .isBetween(beforeSpawn - 100, summary.getStartTime().toEpochMilli())
        .isEqualTo(
            named(events, "taskrt.LiveTask").stream()
                .filter(e -> e.getString("taskName").equals("spinner"))
                .mapToLong(e -> e.getLong("listedSince"))
                .min()
                .orElseThrow());
    assertThat(summary.getLong("listed")).isEqualTo(summary.getLong("liveTasks"));
    assertThat(summary.getLong("blocked")).isGreaterThanOrEqualTo(3);
    assertThat(summary.getLong("running")).isGreaterThanOrEqualTo(1);
  }

  // First: a recording that enabled snapshots can leave one last snapshot in the next chunk.
  @Test
  @Order(1)
  void takesNoSnapshotWhenNoRecordingAsksForOne(@TempDir Path dir) throws Exception {
    Kernel.liveTasks();
    Path file = dir.resolve("off.jfr");
    java.time.Instant started;
    try (Recording recording = new Recording()) {
      recording.enable("taskrt.TaskStart");
      recording.enable("taskrt.LiveTask"); // rows alone: only the periodic LiveTasks takes them
      recording.start();
      started = java.time.Instant.now();
      Tasks.builder().name("short").spawn(() -> 1).join();
      Thread.sleep(1_500); // longer than the default period
      recording.stop();
      recording.dump(file);
    }
    // (a chunk shared with an earlier recording may still hold that one's snapshots)
    List<RecordedEvent> events =
        RecordingFile.readAllEvents(file).stream()
            .filter(e -> !e.getStartTime().isBefore(started))
            .toList();
    assertThat(named(events, "taskrt.TaskStart")).isNotEmpty();
    assertThat(named(events, "taskrt.LiveTasks")).isEmpty();
    assertThat(named(events, "taskrt.LiveTask")).isEmpty();
  }

  /** Polls dumps until one snapshot shows the given tasks waiting on the given kinds. */
  private static void awaitSnapshotWith(Recording recording, Path dir, Map<String, String> waits)
      throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      Thread.sleep(100);
      Path probe = dir.resolve("probe" + attempt + ".jfr");
      recording.dump(probe);
      List<RecordedEvent> rows = named(RecordingFile.readAllEvents(probe), "taskrt.LiveTask");
      Files.delete(probe);
      Map<String, String> seen =
          rows.stream()
              .collect(
                  Collectors.toMap(
                      e -> e.getString("taskName"), e -> e.getString("waitKind"), (a, b) -> b));
      if (waits.entrySet().stream().allMatch(w -> w.getValue().equals(seen.get(w.getKey())))) {
        return;
      }
    }
    throw new AssertionError("no snapshot showed " + waits + " within 20 s");
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }
}
