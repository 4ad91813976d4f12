package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.Kernel;
import dev.taskrt.Tasks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Synchronous tasks that run inline on their parent's thread are counted per thread ({@link
 * InlineTaskCounts}): still live while they run, seen so from any thread, started once each, and
 * not live after they end, however they end.
 */
class InlineTaskCountsTest {
  // Each figure is a difference of two readings close together, taken again (up to 20 times) if
  // another test's task ended in between; a count that misses inline tasks fails every time.

  @Test
  void anInlineTaskIsLiveWhileItRunsOnItsThreadAndSeenSoFromAnother() {
    long[] found = {-1, -1};
    Tasks.run(
        "outer",
        () -> {
          for (int attempt = 0; attempt < 20 && found[0] != 1; attempt++) {
            long outer = Kernel.liveTasks();
            long inner = Tasks.run("inner", Kernel::liveTasks);
            found[0] = inner - outer;
          }
          for (int attempt = 0; attempt < 20 && found[1] != 1; attempt++) {
            long outer = elsewhere();
            long inner = Tasks.run("inner", InlineTaskCountsTest::elsewhere);
            found[1] = inner - outer;
          }
          return null;
        });
    assertThat(found)
        .as("live inside an inline task, minus outside: here, elsewhere")
        .containsExactly(1, 1);
  }

  /** {@link Kernel#liveTasks()} as another thread, one that runs no task, reads it now. */
  private static long elsewhere() throws Exception {
    CompletableFuture<Long> read = new CompletableFuture<>();
    Thread reader = new Thread(() -> read.complete(Kernel.liveTasks()));
    reader.start();
    return read.get(30, TimeUnit.SECONDS);
  }

  @Test
  void everyInlineTaskIsCountedStartedAndEndsUncountedHoweverItEnds() {
    KernelState kernel = KernelState.get();
    long[] started = {-1};
    long[] liveAfter = {-1};
    Tasks.run(
        "outer",
        () -> {
          for (int attempt = 0; attempt < 20 && (started[0] != 3 || liveAfter[0] != 0); attempt++) {
            long startedBefore = kernel.tasksStarted();
            long liveBefore = Kernel.liveTasks();
            Tasks.run("done", () -> "ok");
            assertThatThrownBy(
                    () ->
                        Tasks.run(
                            "failed",
                            () -> {
                              throw new IllegalStateException("inline failure");
                            }))
                .hasMessage("inline failure");
            TaskContext self = CurrentTask.get();
            assertThatThrownBy(
                    () ->
                        Tasks.run(
                            "killed",
                            () -> {
                              CurrentTask.get().kill();
                              Tasks.checkpoint();
                              return null;
                            }))
                .isInstanceOf(dev.taskrt.TaskKilledError.class);
            assertThat(CurrentTask.get()).isSameAs(self);
            started[0] = kernel.tasksStarted() - startedBefore;
            liveAfter[0] = Kernel.liveTasks() - liveBefore;
          }
          return null;
        });
    assertThat(started[0]).as("inline tasks started").isEqualTo(3);
    assertThat(liveAfter[0]).as("inline tasks still counted live after their end").isZero();
  }
}
