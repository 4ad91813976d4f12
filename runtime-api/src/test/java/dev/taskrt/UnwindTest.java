package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnwindTest {
  private static final int FRAME =
      MethodRegistry.register(MethodInfo.frame("dev.taskrt.UnwindTest", "frame", "()V", 64));

  /** What an instrumented {@code @Frame} method does around its body. */
  private static void inFrame(Runnable body) {
    long frame = Instrumented.frame(FRAME, 64);
    TaskContext task = Instrumented.frameIn(frame);
    try {
      body.run();
    } catch (Throwable t) {
      Instrumented.frameThrown(t, task, frame);
      throw t;
    }
    Instrumented.frameOut(task, frame);
  }

  @Test
  void hooksRunLastInFirstOutExactlyOnceAndOnUnwindOnlyOnFailure() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Tasks.run(
        "normal",
        () -> {
          Tasks.defer(() -> ran.add("defer 1"));
          Tasks.onUnwind(() -> ran.add("unwind 2"));
          Tasks.defer(() -> ran.add("defer 3"));
          return null;
        });
    assertThat(ran).containsExactly("defer 3", "defer 1");

    ran.clear();
    TaskHandle<Object> failing =
        Tasks.builder()
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  Tasks.defer(() -> ran.add("defer 1"));
                  Tasks.onUnwind(() -> ran.add("unwind 2, failing=" + Tasks.failing()));
                  Tasks.defer(() -> ran.add("defer 3"));
                  throw new IllegalStateException("fails");
                });
    assertThat(Awaits.outcome(failing)).isEqualTo(TaskState.FAILED);
    assertThat(ran).containsExactly("defer 3", "unwind 2, failing=true", "defer 1");
  }

  @Test
  void frameScopedHooksRunWhenTheFrameExitsNotWhenTheTaskEnds() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Tasks.run(
        "frames",
        () -> {
          Tasks.defer(() -> ran.add("task-scoped"));
          inFrame(
              () -> {
                Tasks.defer(() -> ran.add("outer frame"));
                inFrame(() -> Tasks.defer(() -> ran.add("inner frame")));
                ran.add("after inner frame");
              });
          ran.add("after outer frame");
          return null;
        });
    assertThat(ran)
        .containsExactly(
            "inner frame", "after inner frame", "outer frame", "after outer frame", "task-scoped");
  }

  @Test
  void aFrameExitingByExceptionRunsItsOnUnwindHooksAndTheCallerCanRecover() {
    List<String> ran = new CopyOnWriteArrayList<>();
    String result =
        Tasks.run(
            "recovering",
            () -> {
              try {
                inFrame(
                    () -> {
                      Tasks.onUnwind(() -> ran.add("frame unwound, failing=" + Tasks.failing()));
                      throw new IllegalStateException("frame fails");
                    });
              } catch (IllegalStateException expected) {
                ran.add("caught: " + expected.getMessage());
              }
              ran.add("failing after recovery=" + Tasks.failing());
              return "recovered";
            });
    assertThat(result).isEqualTo("recovered");
    assertThat(ran)
        .containsExactly(
            "frame unwound, failing=true", "caught: frame fails", "failing after recovery=false");
  }

  @Test
  void aHookFailingDuringUnwindingIsKeptAsSuppressed() {
    IllegalStateException original = new IllegalStateException("original");
    List<String> ran = new CopyOnWriteArrayList<>();
    assertThatThrownBy(
            () ->
                Tasks.run(
                    "double",
                    () -> {
                      Tasks.defer(() -> ran.add("lower hook still runs"));
                      Tasks.onUnwind(
                          () -> {
                            throw new IllegalArgumentException("hook fails too");
                          });
                      throw original;
                    }))
        .isSameAs(original)
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("hook fails too")));
    assertThat(ran).containsExactly("lower hook still runs");
  }

  @Test
  void aDeferFailingOnANormalExitFailsTheTask() {
    TaskHandle<Object> task =
        Tasks.builder()
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  Tasks.defer(
                      () -> {
                        throw new java.io.IOException("close failed");
                      });
                  return "body returned";
                });
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.FAILED);
    assertThatThrownBy(task::join).cause().hasMessage("close failed");
  }

  @Test
  void killedTasksRunTheirHooksToo() {
    List<String> ran = new CopyOnWriteArrayList<>();
    TaskHandle<Object> task =
        Tasks.spawn(
            () -> {
              Tasks.defer(() -> ran.add("defer"));
              Tasks.onUnwind(() -> ran.add("unwind"));
              Tasks.sleep(java.time.Duration.ofMinutes(10));
              return null;
            });
    Awaits.state(task, TaskState.BLOCKED);
    task.kill();
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.KILLED);
    assertThat(ran).containsExactly("unwind", "defer");
  }

  @Test
  void hooksOutsideATaskAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Tasks.defer(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Tasks.defer called outside a task");
  }
}
