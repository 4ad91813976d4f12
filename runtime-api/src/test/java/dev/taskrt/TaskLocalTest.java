package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskLocalTest {
  private static final TaskLocal<String> PRIVATE = TaskLocal.of("private");
  private static final TaskLocal<String> INHERITED = TaskLocal.inheritable("inherited");
  private static final TaskLocal<Integer> COUNTER =
      TaskLocal.<Integer>of("counter").withInitial(() -> 7);
  private static final ExecutorService ONE_THREAD = Executors.newSingleThreadExecutor();

  static {
    Kernel.schedulers().register("task-local-test-pool", ONE_THREAD::execute);
  }

  @AfterAll
  static void stopPool() {
    ONE_THREAD.shutdownNow();
  }

  @Test
  void inheritableValuesAreCopiedIntoChildrenAndPlainOnesAreNot() {
    String[] seen =
        Tasks.run(
            "parent",
            () -> {
              PRIVATE.set("parent's own");
              INHERITED.set("handed down");
              return Tasks.spawn(() -> new String[] {PRIVATE.get(), INHERITED.get()}).join();
            });
    assertThat(seen).containsExactly(null, "handed down");
  }

  @Test
  void aChildsChangesDoNotReachItsParentOrSiblings() {
    String parentAfter =
        Tasks.run(
            "parent",
            () -> {
              INHERITED.set("original");
              CountDownLatch bothSet = new CountDownLatch(2);
              TaskHandle<String> a =
                  Tasks.spawn(
                      () -> {
                        INHERITED.set("a");
                        bothSet.countDown();
                        bothSet.await();
                        return INHERITED.get();
                      });
              TaskHandle<String> b =
                  Tasks.spawn(
                      () -> {
                        INHERITED.set("b");
                        bothSet.countDown();
                        bothSet.await();
                        return INHERITED.get();
                      });
              assertThat(a.join()).isEqualTo("a");
              assertThat(b.join()).isEqualTo("b");
              return INHERITED.get();
            });
    assertThat(parentAfter).isEqualTo("original");
  }

  @Test
  void nothingIsLeftOnAPooledThreadAfterItsTask() throws Exception {
    TaskHandle<String> first =
        Tasks.builder()
            .scheduler("task-local-test-pool")
            .spawn(
                () -> {
                  PRIVATE.set("first task's");
                  INHERITED.set("first task's too");
                  return Thread.currentThread().getName();
                });
    String firstThread = first.join();
    AtomicReference<String> leaked = new AtomicReference<>("unset");
    String secondThread =
        ONE_THREAD
            .submit(
                () -> {
                  leaked.set(PRIVATE.get() + "/" + INHERITED.get() + "/" + Tasks.inTask());
                  return Thread.currentThread().getName();
                })
            .get();
    assertThat(secondThread).isEqualTo(firstThread);
    assertThat(leaked.get()).isEqualTo("null/null/false");

    String nextTask =
        Tasks.builder()
            .scheduler("task-local-test-pool")
            .spawn(() -> PRIVATE.get() + "/" + INHERITED.get())
            .join(Duration.ofSeconds(10));
    assertThat(nextTask).isEqualTo("null/null");
  }

  @Test
  void withRestoresThePreviousBinding() {
    String result =
        Tasks.run(
            "scoped",
            () -> {
              assertThat(PRIVATE.with("inner", PRIVATE::get)).isEqualTo("inner");
              assertThat(PRIVATE.get()).isNull();
              PRIVATE.set("outer");
              assertThatThrownBy(
                      () ->
                          PRIVATE.with(
                              "inner",
                              () -> {
                                throw new java.io.IOException("body fails");
                              }))
                  .isInstanceOf(java.io.IOException.class);
              return PRIVATE.get();
            });
    assertThat(result).isEqualTo("outer");
  }

  @Test
  void outsideATaskGetGivesTheInitialValueAndSetIsRefused() {
    assertThat(Tasks.inTask()).isFalse();
    assertThat(COUNTER.get()).isEqualTo(7);
    assertThat(PRIVATE.get()).isNull();
    assertThatThrownBy(() -> PRIVATE.set("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TaskLocal 'private'")
        .hasMessageContaining("outside a task");
  }

  @Test
  void initialValuesAreMadeOncePerTaskAndCanBeRemoved() {
    int result =
        Tasks.run(
            "counter",
            () -> {
              COUNTER.set(COUNTER.get() + 1);
              int bumped = COUNTER.get();
              COUNTER.remove();
              return bumped * 100 + COUNTER.get();
            });
    assertThat(result).isEqualTo(807);
  }

  @Test
  void explicitNullIsAValue() {
    String result =
        Tasks.run(
            "nulls",
            () -> {
              TaskLocal<String> withDefault = TaskLocal.<String>of("d").withInitial(() -> "dflt");
              withDefault.set(null);
              return String.valueOf(withDefault.get());
            });
    assertThat(result).isEqualTo("null");
  }
}
