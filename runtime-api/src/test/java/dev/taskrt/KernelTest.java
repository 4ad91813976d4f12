package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KernelTest {

  @Test
  void listenersHearEveryTaskStartAndEndOnTheTasksThread() {
    RecordingListener.SEEN.clear();
    TaskHandle<String> task =
        Tasks.builder().name("listened").scheduler("single:listener-test").spawn(() -> "ok");
    task.join(Duration.ofSeconds(10));
    assertThat(RecordingListener.SEEN)
        .containsExactly(
            "start listened on taskrt-single-listener-test",
            "end listened DONE on taskrt-single-listener-test");
  }

  @Test
  void aThrowingListenerNeverChangesTheOutcome() {
    TaskHandle<String> task = Tasks.builder().name("listened-throwing").spawn(() -> "still ok");
    assertThat(task.join(Duration.ofSeconds(10))).isEqualTo("still ok");
    assertThat(task.state()).isEqualTo(TaskState.DONE);
  }

  @Test
  void globalsAreOnePerKey() {
    Object first = Kernel.global("kernel-test", Object::new);
    assertThat(Kernel.global("kernel-test", Object::new)).isSameAs(first);
  }

  @Test
  void configReadsSystemPropertiesUnderTheTaskrtPrefix() {
    System.setProperty("taskrt.kernelTestKey", "from-property");
    assertThat(Kernel.config("kernelTestKey")).contains("from-property");
    assertThat(Kernel.config("kernelTestMissing")).isEmpty();
  }

  @Test
  void environmentIsInheritedByChildrenAndShadowedByTheirOwn() {
    String seen =
        Tasks.builder()
            .env("region", "eu")
            .env("tier", "gold")
            .run(
                () ->
                    Tasks.builder()
                        .env("tier", "silver")
                        .spawn(() -> Tasks.env("region") + "/" + Tasks.env("tier"))
                        .join());
    assertThat(seen).isEqualTo("eu/silver");
    assertThat(Tasks.env("region")).isNull();
  }

  @Test
  void schedulersCanBeRegisteredAndLookedUp() {
    var pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "custom-scheduler-thread"));
    try {
      Kernel.schedulers().register("kernel-test-pool", pool::execute);
      assertThat(Kernel.schedulers().names()).contains("default", "platform", "kernel-test-pool");
      String thread =
          Tasks.builder()
              .scheduler("kernel-test-pool")
              .spawn(() -> Thread.currentThread().getName())
              .join();
      assertThat(thread).isEqualTo("custom-scheduler-thread");
      assertThatThrownBy(() -> Kernel.schedulers().register("kernel-test-pool", pool::execute))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already registered");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSchedulerThatThrowsEndsTheTaskAndTheSpawnerSeesWhatItThrew() {
    Kernel.schedulers()
        .register(
            "kernel-test-broken",
            body -> {
              throw new UnsupportedOperationException("no threads today");
            });
    long strongBefore = Kernel.strongTasks();
    assertThatThrownBy(() -> Tasks.builder().scheduler("kernel-test-broken").spawn(() -> 1))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("no threads today");
    assertThat(Kernel.strongTasks())
        .isEqualTo(strongBefore); // nothing left for shutdown to wait on
  }

  @Test
  void anUnknownSchedulerIsAClearError() {
    assertThatThrownBy(() -> Tasks.builder().scheduler("nope").spawn(() -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no scheduler named 'nope'")
        .hasMessageContaining("default");
  }

  @Test
  void platformRunsEachTaskOnItsOwnThreadAndSingleOnOneThread() {
    String a =
        Tasks.builder().scheduler("platform").spawn(() -> Thread.currentThread().getName()).join();
    String b =
        Tasks.builder().scheduler("platform").spawn(() -> Thread.currentThread().getName()).join();
    assertThat(a).startsWith("taskrt-platform-").isNotEqualTo(b);
    String c =
        Tasks.builder()
            .scheduler("single:one")
            .spawn(() -> Thread.currentThread().getName())
            .join();
    String d =
        Tasks.builder()
            .scheduler("single:one")
            .spawn(() -> Thread.currentThread().getName())
            .join();
    assertThat(c).isEqualTo("taskrt-single-one").isEqualTo(d);
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void virtualThreadsOnAnOldJdkAreAClearError() {
    assertThatThrownBy(() -> Tasks.builder().scheduler("virtual").spawn(() -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs virtual threads")
        .hasMessageContaining("JDK 21 or later");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadsRunTasksOnJdk21AndLater() {
    boolean virtual =
        Tasks.builder()
            .scheduler("virtual")
            .spawn(
                () -> (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()))
            .join();
    assertThat(virtual).isTrue();
  }

  @Test
  void countsFollowTasks() {
    long before = Kernel.liveTasks();
    TaskHandle<Object> weak =
        Tasks.builder()
            .weak()
            .spawn(
                () -> {
                  Tasks.sleep(Duration.ofMinutes(5));
                  return null;
                });
    Awaits.until("weak task counted", () -> Kernel.weakTasks() >= 1);
    assertThat(weak.isWeak()).isTrue();
    weak.kill();
    Awaits.outcome(weak);
    Awaits.until("weak task uncounted", () -> Kernel.liveTasks() == before);
  }

  @Test
  void currentOutsideATaskIsAClearError() {
    assertThat(Tasks.inTask()).isFalse();
    assertThatThrownBy(Tasks::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside a task");
  }
}
