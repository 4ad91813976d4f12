package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN §2: a scheduler name from the options ({@code defaultScheduler}) or from an annotation or
 * pattern is checked when first met; an unknown one gets one message naming it and the registered
 * schedulers, and its tasks run on {@code default}. A name given to {@code Tasks.builder()} in the
 * application's own code is an argument error, thrown at the call.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnknownSchedulerNameTest {
  private final PrintStream realErr = System.err;

  @AfterEach
  void restore() {
    System.setErr(realErr);
    RuntimeSettings.useAgentSettings(null);
    KernelState.get().installAgentOptions(Map.of());
  }

  /** Runs {@code body} with stderr captured; returns the taskrt lines printed meanwhile. */
  private List<String> taskrtLinesOf(Callable<?> body) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      body.call();
    } finally {
      System.setErr(realErr);
    }
    return Arrays.stream(err.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(line -> line.startsWith("taskrt:"))
        .collect(Collectors.toList());
  }

  @Test
  void anUnknownDefaultSchedulerGetsOneMessageAndItsTasksRunOnDefault() throws Exception {
    // As the agent hands over defaultScheduler=nope: it parses (a name), and is checked when met.
    RuntimeSettings.useAgentSettings(
        RuntimeSettings.Setting.DEFAULT_SCHEDULER.withValue(RuntimeSettings.DEFAULTS, "nope"));
    KernelState.get().installAgentOptions(Map.of());
    List<String> lines =
        taskrtLinesOf(
            () -> {
              for (int i = 0; i < 3; i++) {
                TaskHandle<String> task = Tasks.spawn(() -> Thread.currentThread().getName());
                assertThat(task.join(Duration.ofSeconds(30))).startsWith("taskrt-default-");
                assertThat(((TaskContext) (Object) task).schedulerName()).isEqualTo("default");
              }
              return null;
            });
    assertThat(lines)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("'nope'", "defaultScheduler", "default", "platform", "'default'"));
  }

  @Test
  void anUnknownSchedulerOfAnAnnotationGetsOneMessageAndItsTasksRunOnDefault() throws Exception {
    TaskSpec typo =
        new TaskSpec("App.work", SpawnMode.LINKED, false, "typo-annotation", 0, 0, Map.of());
    List<String> lines =
        taskrtLinesOf(
            () -> {
              for (int i = 0; i < 3; i++) {
                TaskContext task = TaskLauncher.spawn(typo, () -> "ran");
                assertThat(task.join(Duration.ofSeconds(30))).isEqualTo("ran");
                assertThat(task.schedulerName()).isEqualTo("default");
              }
              return null;
            });
    assertThat(lines)
        .singleElement()
        .satisfies(line -> assertThat(line).contains("'typo-annotation'", "App.work", "'default'"));
  }

  @Test
  void aSchedulerRegisteredAfterItsNameWasFirstMetIsUsedFromThen() throws Exception {
    TaskSpec late = new TaskSpec("late", SpawnMode.LINKED, false, "late-pool", 0, 0, Map.of());
    List<String> lines =
        taskrtLinesOf(
            () -> {
              TaskLauncher.spawn(late, () -> null).join(Duration.ofSeconds(30));
              KernelState.get()
                  .schedulers()
                  .register("late-pool", body -> new Thread(body, "late-pool-thread").start());
              TaskContext task = TaskLauncher.spawn(late, () -> Thread.currentThread().getName());
              assertThat(task.join(Duration.ofSeconds(30))).isEqualTo("late-pool-thread");
              assertThat(task.schedulerName()).isEqualTo("late-pool");
              return null;
            });
    assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("'late-pool'"));
  }

  @Test
  void theBuilderThrowsAtTheCallForANameNothingRegistered() {
    assertThatThrownBy(() -> Tasks.builder().scheduler("typo-builder").spawn(() -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'typo-builder'")
        .hasMessageContaining("registered: [default")
        .hasMessageContaining("platform");
  }
}
