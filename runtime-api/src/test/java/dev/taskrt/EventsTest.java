package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs a scenario with a recording on and reads every runtime event back with its fields. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventsTest {
  private static final int FRAME_BYTES = 1000;
  private static final int DIG =
      MethodRegistry.register(
          MethodInfo.frame("dev.taskrt.EventsTest", "dig", "(I)V", FRAME_BYTES));
  private static final int NATIVE_CALL =
      MethodRegistry.register(
          MethodInfo.frame("dev.taskrt.EventsTest", "nativeCall", "()V", FRAME_BYTES));

  private static List<RecordedEvent> events;

  @BeforeAll
  static void record(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jfr");
    // The kernel registers its periodic event when it starts; a recording started later applies
    // its period to it (one registered while a recording runs keeps the default 1 s period).
    Kernel.liveTasks();
    try (Recording recording = new Recording()) {
      recording.enable("taskrt.TaskStart");
      recording.enable("taskrt.TaskEnd");
      recording.enable("taskrt.TaskFailure");
      recording.enable("taskrt.LinkedFailure");
      recording.enable("taskrt.Unwind");
      recording.enable("taskrt.StackSegment");
      recording.enable("taskrt.ForeignCall");
      recording.enable("taskrt.KernelStats").withPeriod(Duration.ofMillis(50));
      recording.start();
      scenario();
      Thread.sleep(200); // let at least one periodic KernelStats event be taken
      recording.stop();
      recording.dump(file);
    }
    events = RecordingFile.readAllEvents(file);
    Files.deleteIfExists(file);
  }

  private static void dig(int depth) {
    long frame = Instrumented.frame(DIG, FRAME_BYTES);
    TaskContext task = Instrumented.frameIn(frame);
    try {
      if (depth > 0) {
        dig(depth - 1);
      }
    } catch (Throwable t) {
      Instrumented.frameThrown(t, task, frame);
      throw t;
    }
    Instrumented.frameOut(task, frame);
  }

  private static void nativeCall() {
    Object event = Instrumented.foreignEnter(NATIVE_CALL, 0);
    Instrumented.foreignExit(event, NATIVE_CALL, null);
  }

  private static void scenario() {
    TaskHandle<Object> parent =
        Tasks.builder()
            .name("events-parent")
            .spawn(
                () -> {
                  Tasks.builder()
                      .name("events-child")
                      .spawn(
                          () -> {
                            Tasks.sleep(Duration.ofMinutes(5));
                            return null;
                          });
                  Tasks.onUnwind(() -> {});
                  Tasks.defer(() -> {});
                  dig(200); // 201 frames of 1000 bytes: 3 segments of 64 KiB
                  nativeCall();
                  byte[][] garbage = new byte[64][];
                  for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[16 * 1024];
                  }
                  throw new IllegalStateException("parent fails on purpose");
                });
    Awaits.outcome(parent);
    for (int i = 0; i < 200 && Kernel.liveTasks() > 0; i++) {
      Tasks.sleep(Duration.ofMillis(10));
    }
  }

  private static List<RecordedEvent> named(String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }

  private static RecordedEvent forTask(String eventName, String taskName) {
    return named(eventName).stream()
        .filter(e -> taskName.equals(e.getString("taskName")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + eventName + " for " + taskName));
  }

  @Test
  void taskStartNamesTheTaskItsParentModeAndScheduler() {
    RecordedEvent parent = forTask("taskrt.TaskStart", "events-parent");
    RecordedEvent child = forTask("taskrt.TaskStart", "events-child");
    assertThat(child.getLong("parentId")).isEqualTo(parent.getLong("taskId"));
    assertThat(child.getString("mode")).isEqualTo("LINKED");
    assertThat(child.getString("scheduler")).isEqualTo("default");
    assertThat(child.getBoolean("weak")).isFalse();
    assertThat(parent.getEventType().getCategoryNames()).containsExactly("taskrt");
  }

  @Test
  void taskEndCarriesOutcomeDurationStackHighWaterAndAllocation() {
    RecordedEvent parent = forTask("taskrt.TaskEnd", "events-parent");
    assertThat(parent.getString("outcome")).isEqualTo("FAILED");
    assertThat(parent.getString("failure"))
        .isEqualTo("java.lang.IllegalStateException: parent fails on purpose");
    assertThat(parent.getLong("stackHighWater")).isEqualTo(201L * FRAME_BYTES);
    assertThat(parent.getInt("segmentsCrossed")).isEqualTo(3);
    assertThat(parent.getLong("allocatedBytes")).isGreaterThan(64 * 16 * 1024);
    assertThat(parent.getDuration()).isPositive();

    RecordedEvent child = forTask("taskrt.TaskEnd", "events-child");
    assertThat(child.getString("outcome")).isEqualTo("KILLED");
  }

  @Test
  void taskFailureRecordsTheException() {
    RecordedEvent failure = forTask("taskrt.TaskFailure", "events-parent");
    assertThat(failure.getString("exceptionClass")).isEqualTo("java.lang.IllegalStateException");
    assertThat(failure.getString("message")).isEqualTo("parent fails on purpose");
    assertThat(failure.getString("where")).contains("EventsTest");
  }

  @Test
  void linkedFailureNamesTheSourceAndDirection() {
    RecordedEvent linked = forTask("taskrt.LinkedFailure", "events-child");
    assertThat(linked.getString("sourceName")).isEqualTo("events-parent");
    assertThat(linked.getLong("viaId")).isEqualTo(linked.getLong("sourceId"));
    assertThat(linked.getString("direction")).isEqualTo("parent-to-child");
    assertThat(linked.getString("cause")).contains("parent fails on purpose");
  }

  @Test
  void unwindCountsTheHooksThatRan() {
    RecordedEvent unwind = forTask("taskrt.Unwind", "events-parent");
    assertThat(unwind.getString("scope")).isEqualTo("task");
    assertThat(unwind.getInt("hooksRun")).isEqualTo(2);
    assertThat(unwind.getInt("hooksFailed")).isZero();
    assertThat(unwind.getBoolean("doubleFailure")).isFalse();
  }

  @Test
  void stackSegmentMarksEachBoundaryCrossed() {
    List<RecordedEvent> segments =
        named("taskrt.StackSegment").stream()
            .filter(e -> "events-parent".equals(e.getString("taskName")))
            .collect(Collectors.toList());
    assertThat(segments).extracting(e -> e.getInt("segment")).containsExactly(1, 2, 3);
    assertThat(segments.get(0).getString("method")).isEqualTo("EventsTest.dig");
    assertThat(segments.get(0).getLong("stackBytes")).isBetween(65536L, 65536L + FRAME_BYTES);
  }

  @Test
  void foreignCallIsTimed() {
    RecordedEvent call = forTask("taskrt.ForeignCall", "events-parent");
    assertThat(call.getString("method")).isEqualTo("EventsTest.nativeCall");
    assertThat(call.getDuration().isNegative()).isFalse();
  }

  @Test
  void kernelStatsReportsCounts() {
    List<RecordedEvent> stats = named("taskrt.KernelStats");
    assertThat(stats).isNotEmpty();
    RecordedEvent last = stats.get(stats.size() - 1);
    assertThat(last.getLong("tasksStarted")).isGreaterThanOrEqualTo(2);
    assertThat(last.getLong("tasksFailed")).isGreaterThanOrEqualTo(1);
    assertThat(last.getLong("tasksKilled")).isGreaterThanOrEqualTo(1);
    assertThat(last.getLong("liveTasks")).isGreaterThanOrEqualTo(0);
  }
}
