package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Kernel;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a recording shows of pipes: long waits, and the messages in flight. */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeEventsTest {
  /** How long a wait may take before the test is taken to hang: a hang guard, not a budget. */
  private static final Duration HANG_GUARD = Duration.ofMinutes(5);

  @Test
  void aLongWaitIsRecordedAndMessagesInFlightAreReported(@TempDir Path dir) throws Exception {
    Kernel.liveTasks(); // the kernel registers its periodic event before the recording starts
    Path file = dir.resolve("pipes.jfr");
    Pipe<String> waitedOn = Pipes.stream(1);
    Pipe<String> unread = Pipes.stream(8);
    try (Recording recording = new Recording()) {
      recording.enable("taskrt.PipeBlocked").withThreshold(Duration.ofMillis(20));
      recording.enable("taskrt.KernelStats").withPeriod(Duration.ofMillis(50));
      recording.start();
      TaskHandle<String> receiver =
          Tasks.builder()
              .name("patient-receiver")
              .mode(SpawnMode.UNLINKED)
              .spawn(() -> waitedOn.port().recv());
      PipeEndsTest.waitForState(receiver, TaskState.BLOCKED);
      Thread.sleep(1000); // the receiver waits well past the threshold, even on a loaded machine
      waitedOn.chan().send("finally");
      assertThat(receiver.join(HANG_GUARD)).isEqualTo("finally");
      for (int i = 0; i < 5; i++) {
        unread.chan().send("in flight " + i);
      }
      assertThat(unread.port().tryRecv()).isPresent(); // never waits: no event
      // Periodic KernelStats events see the four messages still in the pipe: wait for one (on a
      // loaded machine JFR's periodic thread may run late), bounded only as a hang guard.
      long deadline = System.nanoTime() + HANG_GUARD.toNanos();
      do {
        Thread.sleep(100);
        recording.dump(file);
      } while (maxInFlight(RecordingFile.readAllEvents(file)) < 4 && System.nanoTime() < deadline);
      recording.stop();
      recording.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);

    List<RecordedEvent> blocked =
        named(events, "taskrt.PipeBlocked").stream()
            .filter(e -> "patient-receiver".equals(e.getString("taskName")))
            .collect(Collectors.toList());
    assertThat(blocked).hasSize(1);
    RecordedEvent wait = blocked.get(0);
    assertThat(wait.getString("operation")).isEqualTo("recv");
    assertThat(wait.getLong("pipeId")).isPositive();
    assertThat(wait.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));

    List<Long> inFlight =
        named(events, "taskrt.KernelStats").stream()
            .map(e -> e.getLong("messagesInFlight"))
            .collect(Collectors.toList());
    assertThat(inFlight).isNotEmpty().anySatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4));
  }

  private static long maxInFlight(List<RecordedEvent> events) {
    return named(events, "taskrt.KernelStats").stream()
        .mapToLong(e -> e.getLong("messagesInFlight"))
        .max()
        .orElse(0);
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }
}
