package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.internal.handoff.ContextCarrier;
import dev.taskrt.internal.handoff.ContextCarriers;
import dev.taskrt.internal.handoff.Handoff;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

  /**
   * Set on the parent's thread to make {@link #FAILING} fail when the work's context is installed.
   */
  private static final ThreadLocal<Boolean> BREAK_CARRIER = new ThreadLocal<>();

  /** A carrier that fails to install only when asked to, so other tests see no failure. */
  private static final ContextCarrier FAILING =
      new ContextCarrier() {
        @Override
        public Object capture() {
          return BREAK_CARRIER.get();
        }

        @Override
        public Object install(Object captured) {
          if (Boolean.TRUE.equals(captured)) {
            throw new IllegalStateException("carrier broken on purpose");
          }
          return null;
        }

        @Override
        public void restore(Object previous) {}

        @Override
        public String toString() {
          return "HandoffTest's failing carrier";
        }
      };

  static {
    ContextCarriers.add(ContextCarrier.of(LEGACY_ID, "HandoffTest[LEGACY_ID]"));
    ContextCarriers.add(FAILING);
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

  /**
   * DESIGN §8: a kill that work handed off by the application never met (it arrived while the work
   * ran code with no checkpoint, as at the kernel's exit) leaves the work's result, or its own
   * exception, to the executor as it would be without taskrt.
   */
  @Test
  void aKillTheHandedOffWorkNeverMetLeavesItsResultAndItsExceptionAlone() throws Exception {
    for (boolean throwsItsOwn : new boolean[] {false, true}) {
      AtomicReference<TaskHandle<?>> child = new AtomicReference<>();
      CountDownLatch killed = new CountDownLatch(1);
      Future<String> future =
          Tasks.run(
              "submitter",
              () ->
                  submit(
                      pool,
                      () -> {
                        child.set(Tasks.current());
                        while (killed.getCount() > 0) {
                          Thread.onSpinWait(); // no checkpoint, nothing a kill interrupts
                        }
                        if (throwsItsOwn) {
                          throw new java.io.IOException("work's own failure");
                        }
                        return "work's result";
                      }));
      Awaits.until("child started", () -> child.get() != null);
      child.get().kill();
      killed.countDown();
      if (throwsItsOwn) {
        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(java.io.IOException.class)
            .hasMessage("work's own failure");
        assertThat(Awaits.outcome(child.get())).isEqualTo(TaskState.FAILED);
      } else {
        assertThat(future.get(20, TimeUnit.SECONDS)).isEqualTo("work's result");
        assertThat(Awaits.outcome(child.get())).isEqualTo(TaskState.DONE);
      }
    }
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
  void aCarrierThatFailsIsReportedOnceAndTheWorkStillRunsAsAChildTask() throws Exception {
    PrintStream realErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> seen = new ArrayList<>();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      Tasks.run(
          "breaks-its-carrier",
          () -> {
            BREAK_CARRIER.set(true);
            try {
              for (int i = 0; i < 3; i++) {
                seen.add(submit(pool, () -> Tasks.current().name() + " " + LEGACY_ID.get()).get());
              }
            } finally {
              BREAK_CARRIER.remove();
            }
            return null;
          });
    } finally {
      System.setErr(realErr);
    }
    assertThat(seen).containsOnly("breaks-its-carrier/handoff null");
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("the context carrier HandoffTest's failing carrier failed")
        .contains("carrier broken on purpose");
    assertThat(printed.split("failing carrier failed", -1)).hasSize(2); // once, not per hand-off
  }

  @Test
  void eachRunOfPeriodicWorkStartsFromTheLocalsAsTheyWereAtHandOff() throws Exception {
    ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch threeRuns = new CountDownLatch(3);
    try {
      Tasks.run(
          "schedules",
          () -> {
            REQUEST.set("as handed off");
            Runnable run =
                () -> {
                  seen.add(REQUEST.get());
                  REQUEST.set("changed by run " + seen.size());
                  threeRuns.countDown();
                };
            scheduled.scheduleAtFixedRate(Handoff.wrap(run), 0, 5, TimeUnit.MILLISECONDS);
            return null;
          });
      assertThat(threeRuns.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      scheduled.shutdownNow();
    }
    assertThat(seen.subList(0, 3)).containsOnly("as handed off");
  }

  @Test
  void outsideATaskWorkIsNotWrapped() {
    Runnable work = () -> {};
    assertThat(Handoff.wrap(work)).isSameAs(work);
  }
}
