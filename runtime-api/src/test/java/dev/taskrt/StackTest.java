package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StackTest {
  private static final int FRAME_BYTES = 128;
  private static final int DESCEND =
      MethodRegistry.register(
          MethodInfo.frame("dev.taskrt.StackTest", "descend", "(I)I", FRAME_BYTES));

  /** A recursive method as the agent rewrites a {@code @Frame}: enter, body, exit. */
  private static int descend(int remaining, AtomicInteger deepest) {
    long frame = Instrumented.frame(DESCEND, FRAME_BYTES);
    TaskContext task = Instrumented.frameIn(frame);
    int result;
    try {
      deepest.accumulateAndGet(task == null ? 0 : (int) task.stackBytes(), Math::max);
      result = remaining == 0 ? 0 : 1 + descend(remaining - 1, deepest);
    } catch (Throwable t) {
      Instrumented.frameThrown(t, task, frame);
      throw t;
    }
    Instrumented.frameOut(task, frame);
    return result;
  }

  /** Unbounded recursion, no instrumentation: ends in a real StackOverflowError. */
  private static int overflow(int n) {
    return overflow(n + 1) + 1;
  }

  @Test
  void theStackLimitFailsTheTaskBeforeARealOverflowAndItsHooksStillRun() {
    List<String> hooks = new CopyOnWriteArrayList<>();
    AtomicInteger deepest = new AtomicInteger();
    TaskHandle<Integer> task =
        Tasks.builder()
            .name("bounded")
            .mode(SpawnMode.UNLINKED)
            .stackLimit(64 * 1024)
            .spawn(
                () -> {
                  Tasks.onUnwind(() -> hooks.add("unwound"));
                  Tasks.defer(() -> hooks.add("deferred"));
                  return descend(1_000_000, deepest);
                });
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.FAILED);
    assertThatThrownBy(task::join)
        .cause()
        .isInstanceOf(StackLimitExceededError.class)
        .hasMessageContaining("StackTest.descend")
        .hasMessageContaining("stackLimit of 65536");
    assertThat(deepest.get()).isLessThanOrEqualTo(64 * 1024).isGreaterThan(60 * 1024);
    assertThat(hooks).containsExactly("deferred", "unwound");
  }

  @Test
  void withinTheLimitTheTaskSucceedsAndReportsItsHighWater() {
    AtomicInteger deepest = new AtomicInteger();
    int depth = Tasks.builder().stackLimit(1024 * 1024).run(() -> descend(100, deepest));
    assertThat(depth).isEqualTo(100);
    assertThat(deepest.get()).isEqualTo(101 * FRAME_BYTES);
  }

  @Test
  void aRealStackOverflowErrorBecomesTheTasksFailure() {
    List<String> hooks = new CopyOnWriteArrayList<>();
    TaskHandle<Integer> task =
        Tasks.builder()
            .name("overflowing")
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  Tasks.onUnwind(() -> hooks.add("unwound after overflow"));
                  return overflow(0);
                });
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.FAILED);
    assertThatThrownBy(task::join).cause().isInstanceOf(StackOverflowError.class);
    assertThat(hooks).containsExactly("unwound after overflow");
  }

  @Test
  void aBiggerStackSizeLetsDeepRecursionSucceedOnItsOwnThread() {
    AtomicInteger deepest = new AtomicInteger();
    String caller = Thread.currentThread().getName();
    String[] ranOn = new String[1];
    int depth =
        Tasks.builder()
            .name("deep")
            .stackSize(512L * 1024 * 1024)
            .run(
                () -> {
                  ranOn[0] = Thread.currentThread().getName();
                  return descend(200_000, deepest);
                });
    assertThat(depth).isEqualTo(200_000);
    assertThat(ranOn[0]).startsWith("taskrt-stack-").isNotEqualTo(caller);
  }
}
