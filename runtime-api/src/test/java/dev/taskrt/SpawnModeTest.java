package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpawnModeTest {

  private static final Duration FOREVER = Duration.ofMinutes(5);

  /** Spawns a task that waits (killably) until killed. */
  private static TaskHandle<Object> sleeper(String name, SpawnMode mode) {
    return Tasks.builder()
        .name(name)
        .mode(mode)
        .spawn(
            () -> {
              Tasks.sleep(FOREVER);
              return null;
            });
  }

  @Test
  void linkedGrandchildFailureKillsChildAndRoot() {
    AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
    AtomicReference<TaskHandle<?>> grandchild = new AtomicReference<>();
    CountDownLatch fail = new CountDownLatch(1);
    TaskHandle<Object> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  child.set(
                      Tasks.builder()
                          .name("child")
                          .spawn(
                              () -> {
                                grandchild.set(
                                    Tasks.builder()
                                        .name("grandchild")
                                        .spawn(
                                            () -> {
                                              fail.await();
                                              throw new IllegalStateException("leaf broke");
                                            }));
                                Tasks.sleep(FOREVER);
                                return null;
                              }));
                  Tasks.sleep(FOREVER);
                  return null;
                });
    Awaits.until("grandchild spawned", () -> grandchild.get() != null);
    fail.countDown();

    assertThat(Awaits.outcome(grandchild.get())).isEqualTo(TaskState.FAILED);
    assertThat(Awaits.outcome(child.get())).isEqualTo(TaskState.KILLED);
    assertThat(Awaits.outcome(root)).isEqualTo(TaskState.KILLED);
    assertThatThrownBy(root::join)
        .isInstanceOf(TaskFailedException.class)
        .cause()
        .isInstanceOf(TaskKilledError.class)
        .hasMessageContaining("linked task 'grandchild'")
        .cause()
        .hasMessage("leaf broke");
  }

  @Test
  void linkedRootFailureKillsChildAndGrandchild() {
    AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
    AtomicReference<TaskHandle<?>> grandchild = new AtomicReference<>();
    TaskHandle<Object> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  child.set(
                      Tasks.builder()
                          .name("child")
                          .spawn(
                              () -> {
                                grandchild.set(sleeper("grandchild", SpawnMode.LINKED));
                                Tasks.sleep(FOREVER);
                                return null;
                              }));
                  Awaits.until("grandchild spawned", () -> grandchild.get() != null);
                  throw new IllegalArgumentException("root broke");
                });
    assertThat(Awaits.outcome(root)).isEqualTo(TaskState.FAILED);
    assertThat(Awaits.outcome(child.get())).isEqualTo(TaskState.KILLED);
    assertThat(Awaits.outcome(grandchild.get())).isEqualTo(TaskState.KILLED);
  }

  @Test
  void supervisedChildFailureLeavesParentRunning() {
    AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
    AtomicReference<TaskHandle<?>> grandchild = new AtomicReference<>();
    CountDownLatch childDone = new CountDownLatch(1);
    TaskHandle<String> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  child.set(
                      Tasks.builder()
                          .name("child")
                          .mode(SpawnMode.SUPERVISED)
                          .spawn(
                              () -> {
                                grandchild.set(
                                    Tasks.builder()
                                        .name("grandchild")
                                        .mode(SpawnMode.SUPERVISED)
                                        .spawn(
                                            () -> {
                                              throw new IllegalStateException("grandchild broke");
                                            }));
                                Awaits.outcome(grandchild.get());
                                childDone.await();
                                throw new IllegalStateException("child broke");
                              }));
                  Awaits.until("child spawned", () -> child.get() != null);
                  childDone.countDown();
                  Awaits.outcome(child.get());
                  Tasks.checkpoint();
                  return "root survived";
                });
    assertThat(root.join(Duration.ofSeconds(20))).isEqualTo("root survived");
    assertThat(grandchild.get().state()).isEqualTo(TaskState.FAILED);
    assertThat(child.get().state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void supervisedGrandchildIsKilledWhenGrandparentFailsAfterItsParentEnded() {
    AtomicReference<TaskHandle<?>> parent = new AtomicReference<>();
    AtomicReference<TaskHandle<?>> grandchild = new AtomicReference<>();
    TaskHandle<Object> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  parent.set(
                      Tasks.builder()
                          .name("parent")
                          .mode(SpawnMode.SUPERVISED)
                          .spawn(
                              () -> {
                                grandchild.set(sleeper("grandchild", SpawnMode.SUPERVISED));
                                return "parent done";
                              }));
                  assertThat(parent.get().join(Duration.ofSeconds(20))).isEqualTo("parent done");
                  Awaits.state(grandchild.get(), TaskState.BLOCKED);
                  throw new IllegalStateException("root broke after parent ended");
                });
    assertThat(Awaits.outcome(root)).isEqualTo(TaskState.FAILED);
    assertThat(parent.get().state()).isEqualTo(TaskState.DONE);
    assertThat(Awaits.outcome(grandchild.get())).isEqualTo(TaskState.KILLED);
  }

  @Test
  void unlinkedTasksNeitherKillNorAreKilled() {
    AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
    CountDownLatch rootFailed = new CountDownLatch(1);
    TaskHandle<Object> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  TaskHandle<Object> failing =
                      Tasks.builder()
                          .name("failing-unlinked")
                          .mode(SpawnMode.UNLINKED)
                          .spawn(
                              () -> {
                                throw new IllegalStateException("unlinked broke");
                              });
                  assertThat(Awaits.outcome(failing)).isEqualTo(TaskState.FAILED);
                  Tasks.checkpoint(); // not killed by the unlinked child
                  child.set(
                      Tasks.builder()
                          .name("survivor")
                          .mode(SpawnMode.UNLINKED)
                          .spawn(
                              () -> {
                                rootFailed.await(20, TimeUnit.SECONDS);
                                Tasks.sleep(Duration.ofMillis(50));
                                Tasks.checkpoint();
                                return "survived";
                              }));
                  throw new IllegalStateException("root broke");
                });
    assertThat(Awaits.outcome(root)).isEqualTo(TaskState.FAILED);
    rootFailed.countDown();
    assertThat(child.get().join(Duration.ofSeconds(20))).isEqualTo("survived");
  }

  @Test
  void failingGroupRefusesNewSpawns() {
    AtomicReference<TaskHandle<?>> late = new AtomicReference<>();
    AtomicBoolean lateBodyRan = new AtomicBoolean();
    TaskHandle<Object> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  Tasks.defer(
                      () ->
                          late.set(
                              Tasks.spawn(
                                  () -> {
                                    lateBodyRan.set(true);
                                    return null;
                                  })));
                  throw new IllegalStateException("group fails");
                });
    assertThat(Awaits.outcome(root)).isEqualTo(TaskState.FAILED);
    assertThat(late.get().state()).isEqualTo(TaskState.KILLED);
    assertThatThrownBy(() -> late.get().join())
        .isInstanceOf(TaskFailedException.class)
        .cause()
        .hasMessageContaining("its group is failing");
    assertThat(lateBodyRan).isFalse();
  }

  @Test
  void cancellingATaskKillsItsDescendantsButNotItsParent() {
    AtomicReference<TaskHandle<?>> grandchild = new AtomicReference<>();
    TaskHandle<String> root =
        Tasks.builder()
            .name("root")
            .spawn(
                () -> {
                  TaskHandle<Object> child =
                      Tasks.builder()
                          .name("child")
                          .spawn(
                              () -> {
                                grandchild.set(sleeper("grandchild", SpawnMode.LINKED));
                                Tasks.sleep(FOREVER);
                                return null;
                              });
                  Awaits.until("grandchild spawned", () -> grandchild.get() != null);
                  child.kill();
                  assertThat(Awaits.outcome(child)).isEqualTo(TaskState.KILLED);
                  Tasks.checkpoint();
                  return "root unaffected";
                });
    assertThat(root.join(Duration.ofSeconds(20))).isEqualTo("root unaffected");
    assertThat(Awaits.outcome(grandchild.get())).isEqualTo(TaskState.KILLED);
  }

  @Test
  void synchronousTaskFailureReachesCallerAsOriginalExceptionAndDoesNotKillIt() {
    String result =
        Tasks.run(
            "caller",
            () -> {
              IllegalStateException original = new IllegalStateException("inner");
              try {
                Tasks.run(
                    "inner",
                    () -> {
                      throw original;
                    });
              } catch (IllegalStateException e) {
                assertThat(e).isSameAs(original);
              }
              Tasks.checkpoint();
              return "caller continues";
            });
    assertThat(result).isEqualTo("caller continues");
  }

  @Test
  void joinReportsTheValueOrTheFailureAsCause() {
    TaskHandle<Integer> ok = Tasks.spawn(() -> 42);
    assertThat(ok.join()).isEqualTo(42);
    assertThat(ok.state()).isEqualTo(TaskState.DONE);
    assertThat(ok.toFuture().join()).isEqualTo(42);

    IllegalStateException boom = new IllegalStateException("boom");
    TaskHandle<Object> bad =
        Tasks.builder()
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  throw boom;
                });
    assertThatThrownBy(bad::join).isInstanceOf(TaskFailedException.class).hasCause(boom);
    assertThat(bad.toFuture()).isCompletedExceptionally();
  }

  @Test
  void joinWithTimeoutGivesUp() {
    TaskHandle<Object> slow = sleeper("slow", SpawnMode.LINKED);
    assertThatThrownBy(() -> slow.join(Duration.ofMillis(20)))
        .isInstanceOf(TaskTimeoutException.class)
        .hasMessageContaining("slow");
    slow.kill();
    assertThat(Awaits.outcome(slow)).isEqualTo(TaskState.KILLED);
  }
}
