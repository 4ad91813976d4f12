package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Paths of failure handling that only a failure reaches: {@code doubleFailure=abort}, the doubled
 * stack allowance while unwinding, and a throwing {@code TaskListener} reported once.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailurePoliciesTest {
  private static final int FRAME_BYTES = 128;
  private static final int DESCEND =
      MethodRegistry.register(
          MethodInfo.frame("dev.taskrt.FailurePoliciesTest", "descend", "(I)V", FRAME_BYTES));

  /** A recursive method as the agent rewrites a {@code @Frame}. */
  private static void descend(int remaining) {
    long frame = Instrumented.frame(DESCEND, FRAME_BYTES);
    TaskContext task = Instrumented.frameIn(frame);
    try {
      if (remaining > 0) {
        descend(remaining - 1);
      }
    } catch (Throwable t) {
      Instrumented.frameThrown(t, task, frame);
      throw t;
    }
    Instrumented.frameOut(task, frame);
  }

  @Test
  void hooksMayUseTwiceTheStackLimitWhileUnwindingAndNoMore() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskHandle<Object> task =
        Tasks.builder()
            .name("unwinding-deep")
            .mode(SpawnMode.UNLINKED)
            .stackLimit(4096) // 32 frames of 128 bytes
            .spawn(
                () -> {
                  Tasks.onUnwind(
                      () -> {
                        descend(47); // 48 frames, 6 KiB: over the limit, under twice it
                        seen.add("48 frames while unwinding");
                        try {
                          descend(69); // 70 frames, 8.75 KiB: over twice the limit
                          seen.add("70 frames while unwinding");
                        } catch (StackLimitExceededError e) {
                          seen.add("refused: " + e.getMessage());
                        }
                      });
                  try {
                    descend(47);
                    seen.add("48 frames while running");
                  } catch (StackLimitExceededError e) {
                    seen.add("refused while running");
                  }
                  throw new IllegalStateException("fail to unwind");
                });
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.FAILED);
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isEqualTo("refused while running");
    assertThat(seen.get(1)).isEqualTo("48 frames while unwinding");
    assertThat(seen.get(2)).startsWith("refused: ").contains("(x2 while unwinding)");
  }

  @Test
  void doubleFailureAbortHaltsTheJvmWithBothFailures() throws Exception {
    ForkedJvm.Result result =
        ForkedJvm.run(DoubleFailureScenario.class, List.of("-Dtaskrt.doubleFailure=abort"));
    assertThat(result.status()).as(result.err()).isEqualTo(134);
    assertThat(result.err())
        .contains("double failure in task 'doubly'")
        .contains("doubleFailure=abort halts the JVM")
        .contains("first failure")
        .contains("hook failure");
    assertThat(result.out()).doesNotContain("main went on");
  }

  @Test
  void doubleFailureRecordKeepsTheHooksFailureAsSuppressedAndGoesOn() throws Exception {
    ForkedJvm.Result result = ForkedJvm.run(DoubleFailureScenario.class, List.of());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("main went on; suppressed: hook failure");
  }

  @Test
  void aThrowingListenerIsReportedOnceHoweverOftenItThrows() throws Exception {
    ForkedJvm.Result result = ForkedJvm.run(ThrowingListenerScenario.class, List.of());
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out()).contains("3 tasks DONE");
    assertThat(result.err().lines().filter(l -> l.contains("threw (reported once)"))).hasSize(1);
  }

  /** A task whose unwinding hook fails too. */
  public static final class DoubleFailureScenario {
    public static void main(String[] args) {
      TaskHandle<Object> task =
          Tasks.builder()
              .name("doubly")
              .mode(SpawnMode.UNLINKED)
              .spawn(
                  () -> {
                    Tasks.onUnwind(
                        () -> {
                          throw new IllegalStateException("hook failure");
                        });
                    throw new IllegalStateException("first failure");
                  });
      try {
        task.join();
      } catch (TaskFailedException e) {
        System.out.println(
            "main went on; suppressed: " + e.getCause().getSuppressed()[0].getMessage());
      }
    }
  }

  /** Three tasks the test class path's {@link RecordingListener} throws for. */
  public static final class ThrowingListenerScenario {
    public static void main(String[] args) {
      int done = 0;
      for (int i = 0; i < 3; i++) {
        TaskHandle<String> task = Tasks.builder().name("listened-throwing").spawn(() -> "ok");
        task.join();
        if (task.state() == TaskState.DONE) {
          done++;
        }
      }
      System.out.println(done + " tasks DONE");
    }
  }
}
