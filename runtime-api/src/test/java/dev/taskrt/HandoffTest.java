package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.internal.ContextCarrier;
import dev.taskrt.internal.Handoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work handed from a task to an application's executor, wrapped the way the agent wraps it with
 * {@code propagate=on}: it runs as a child task with the parent's context, and leaves nothing.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandoffTest {
  private static final TaskLocal<String> REQUEST = TaskLocal.inheritable("handoff-request");
  private static final TaskLocal<String> PRIVATE = TaskLocal.of("handoff-private");
  private static final ThreadLocal<Object> LEGACY_ID = new ThreadLocal<>();

  static {
    Handoff.addCarrier(ContextCarrier.of(LEGACY_ID));
  }

  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private <T> Future<T> submit(ExecutorService executor, java.util.concurrent.Callable<T> work) {
    return executor.submit(Handoff.wrap(work));
  }

  @Test
  void handedOffWorkRunsAsAChildTaskWithInheritableLocalsAndNamedThreadLocals() throws Exception {
    String seen =
        Tasks.run(
            "submitter",
            () -> {
              REQUEST.set("req-42");
              PRIVATE.set("not inherited");
              LEGACY_ID.set("legacy-7");
              long parentId = Tasks.current().id();
              return submit(
                      pool,
                      () ->
                          REQUEST.get()
                              + " "
                              + PRIVATE.get()
                              + " "
                              + LEGACY_ID.get()
                              + " parent="
                              + (Tasks.current().parent().orElseThrow().id() == parentId))
                  .get();
            });
    LEGACY_ID.remove();
    assertThat(seen).isEqualTo("req-42 null legacy-7 parent=true");
  }

  @Test
  void theParentsFailureReachesTheHandedOffChild() throws Exception {
    AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
    AtomicReference<Future<?>> future = new AtomicReference<>();
    TaskHandle<Object> parent =
        Tasks.builder()
            .name("failing-submitter")
            .spawn(
                () -> {
                  future.set(
                      submit(
                          pool,
                          () -> {
                            child.set(Tasks.current());
                            Tasks.sleep(Duration.ofMinutes(5));
                            return null;
                          }));
                  Awaits.until("child started", () -> child.get() != null);
                  throw new IllegalStateException("submitter fails");
                });
    assertThat(Awaits.outcome(parent)).isEqualTo(TaskState.FAILED);
    assertThat(Awaits.outcome(child.get())).isEqualTo(TaskState.KILLED);
    assertThatThrownBy(() -> future.get().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TaskKilledError.class)
        .hasMessageContaining("failing-submitter");
  }

  @Test
  void aSupervisedChildsFailureGoesToTheExecutorNotToTheParent() {
    String result =
        Tasks.run(
            "survivor",
            () -> {
              Future<Object> failing =
                  submit(
                      pool,
                      () -> {
                        throw new java.io.IOException("work fails");
                      });
              assertThatThrownBy(failing::get)
                  .isInstanceOf(ExecutionException.class)
                  .cause()
                  .isInstanceOf(java.io.IOException.class)
                  .hasMessage("work fails");
              Tasks.checkpoint();
              return "parent unaffected";
            });
    assertThat(result).isEqualTo("parent unaffected");
  }

  @Test
  void aRejectedSubmissionLeavesNoTrace() {
    long before = Kernel.liveTasks();
    pool.shutdown();
    Tasks.run(
        "rejected",
        () -> {
          assertThatThrownBy(() -> pool.execute(Handoff.wrap(() -> {})))
              .isInstanceOf(RejectedExecutionException.class);
          return null;
        });
    assertThat(Kernel.liveTasks()).isEqualTo(before);
  }

  @Test
  void tenThousandHandOffsOnTwoThreadsLeaveNoTaskOrValueOnThePooledThreads() throws Exception {
    long before = Kernel.liveTasks();
    Tasks.run(
        "many",
        () -> {
          REQUEST.set("req-many");
          LEGACY_ID.set("legacy-many");
          List<Future<String>> results = new ArrayList<>();
          for (int i = 0; i < 10_000; i++) {
            results.add(submit(pool, () -> REQUEST.get() + "/" + LEGACY_ID.get()));
          }
          for (Future<String> result : results) {
            assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("req-many/legacy-many");
          }
          return null;
        });
    LEGACY_ID.remove();
    for (int i = 0; i < 2; i++) {
      String left =
          pool.submit(() -> Tasks.inTask() + "/" + REQUEST.get() + "/" + LEGACY_ID.get())
              .get(20, TimeUnit.SECONDS);
      assertThat(left).isEqualTo("false/null/null");
    }
    Awaits.until("no hand-off task is live", () -> Kernel.liveTasks() == before);
  }

  @Test
  void outsideATaskWorkIsNotWrapped() {
    Runnable work = () -> {};
    assertThat(Handoff.wrap(work)).isSameAs(work);
  }
}
