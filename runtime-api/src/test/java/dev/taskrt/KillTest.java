package dev.taskrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KillTest {

  @Test
  void killReachesATaskBlockedInJoin() {
    CountDownLatch never = new CountDownLatch(1);
    TaskHandle<Object> other =
        Tasks.builder()
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  never.await();
                  return null;
                });
    TaskHandle<Object> joiner = Tasks.spawn(() -> other.join());
    Awaits.state(joiner, TaskState.BLOCKED);
    joiner.kill();
    assertThat(Awaits.outcome(joiner)).isEqualTo(TaskState.KILLED);
    assertThat(other.state()).isEqualTo(TaskState.RUNNING);
    never.countDown();
    assertThat(Awaits.outcome(other)).isEqualTo(TaskState.DONE);
  }

  @Test
  void killReachesATaskBlockedInSleep() {
    TaskHandle<Object> sleeper =
        Tasks.spawn(
            () -> {
              Tasks.sleep(Duration.ofMinutes(10));
              return null;
            });
    Awaits.state(sleeper, TaskState.BLOCKED);
    sleeper.kill();
    assertThat(Awaits.outcome(sleeper)).isEqualTo(TaskState.KILLED);
  }

  @Test
  void killReachesATaskInAPlainObjectWait() {
    Object monitor = new Object();
    AtomicBoolean waiting = new AtomicBoolean();
    TaskHandle<Object> waiter =
        Tasks.spawn(
            () -> {
              synchronized (monitor) {
                waiting.set(true);
                monitor.wait(); // woken by the kill's interrupt
              }
              return "woke without a kill";
            });
    Awaits.until("the task waits", waiting::get);
    Awaits.until("the task's thread is waiting", () -> !Thread.holdsLock(monitor) && waiting.get());
    waiter.kill();
    assertThat(Awaits.outcome(waiter)).isEqualTo(TaskState.KILLED);
  }

  @Test
  void killReachesACpuLoopThatCallsCheckpoint() {
    AtomicInteger rounds = new AtomicInteger();
    TaskHandle<Object> spinner =
        Tasks.spawn(
            () -> {
              while (true) {
                rounds.incrementAndGet();
                Tasks.checkpoint();
              }
            });
    Awaits.until("the loop runs", () -> rounds.get() > 1000);
    spinner.kill();
    assertThat(Awaits.outcome(spinner)).isEqualTo(TaskState.KILLED);
  }

  @Test
  void catchExceptionCannotSwallowAKill() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskHandle<Object> task =
        Tasks.spawn(
            () -> {
              try {
                Tasks.sleep(Duration.ofMinutes(10));
              } catch (Exception swallowed) {
                seen.add("caught as an Exception");
              }
              seen.add("ran on after the kill");
              return null;
            });
    Awaits.state(task, TaskState.BLOCKED);
    task.kill();
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.KILLED);
    assertThat(seen).isEmpty();
  }

  @Test
  void aKillCaughtAsThrowableIsThrownAgainAtTheNextCheckpoint() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskHandle<Object> task =
        Tasks.spawn(
            () -> {
              try {
                Tasks.sleep(Duration.ofMinutes(10));
              } catch (Throwable swallowed) {
                seen.add("swallowed " + swallowed.getClass().getSimpleName());
              }
              try {
                Tasks.checkpoint();
              } catch (TaskKilledError again) {
                seen.add("thrown again at the next checkpoint");
              }
              Tasks.checkpoint();
              seen.add("ran on after the kill");
              return null;
            });
    Awaits.state(task, TaskState.BLOCKED);
    task.kill();
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.KILLED);
    assertThat(seen)
        .containsExactly("swallowed TaskKilledError", "thrown again at the next checkpoint");
  }

  @Test
  void unkillableDelaysTheKillUntilTheSectionEnds() throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> steps = new CopyOnWriteArrayList<>();
    TaskHandle<Object> task =
        Tasks.spawn(
            () -> {
              Tasks.unkillable(
                  () -> {
                    inside.countDown();
                    release.await();
                    Tasks.checkpoint(); // held back
                    steps.add("section finished");
                    return null;
                  });
              steps.add("after the section");
              return null;
            });
    inside.await();
    task.kill();
    release.countDown();
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.KILLED);
    assertThat(steps).containsExactly("section finished");
  }

  @Test
  void aKillThatArrivesBeforeTheEndMakesTheTaskKilledEvenIfTheBodyReturns() {
    CountDownLatch killed = new CountDownLatch(1);
    AtomicReference<TaskHandle<?>> self = new AtomicReference<>();
    TaskHandle<String> task =
        Tasks.spawn(
            () -> {
              Tasks.unkillable(
                  () -> {
                    killed.await();
                    return null;
                  });
              return "returned";
            });
    self.set(task);
    task.kill();
    killed.countDown();
    assertThat(Awaits.outcome(task)).isEqualTo(TaskState.KILLED);
  }

  @Test
  void childrenAreKilledBeforeTheirBlockedParentWakesAndReleasesWhatTheyUse() {
    for (int round = 0; round < 20; round++) {
      // What the children block on; the parent releases it as it unwinds, and a child that is
      // woken by that release rather than by its kill fails with an error of its own.
      CountDownLatch resource = new CountDownLatch(1);
      CountDownLatch childrenWaiting = new CountDownLatch(3);
      CountDownLatch fail = new CountDownLatch(1);
      List<TaskHandle<Object>> children = new CopyOnWriteArrayList<>();
      TaskHandle<Object> parent =
          Tasks.spawn(
              () -> {
                try {
                  for (int i = 0; i < 3; i++) {
                    children.add(
                        Tasks.spawn(
                            () -> {
                              childrenWaiting.countDown();
                              resource.await();
                              throw new IllegalStateException("the resource was released");
                            }));
                  }
                  childrenWaiting.await();
                  TaskHandle<Object> failing =
                      Tasks.spawn(
                          () -> {
                            fail.await();
                            throw new IllegalArgumentException("one child fails");
                          });
                  return failing.join(); // blocked here when the sibling fails
                } finally {
                  resource.countDown();
                }
              });
      Awaits.until("the parent blocks in join", () -> parent.state() == TaskState.BLOCKED);
      fail.countDown();
      assertThat(Awaits.outcome(parent)).isEqualTo(TaskState.KILLED);
      for (TaskHandle<Object> child : children) {
        assertThat(Awaits.outcome(child)).as("round " + round).isEqualTo(TaskState.KILLED);
      }
    }
  }

  @Test
  void killOfAnEndedTaskChangesNothing() {
    TaskHandle<String> task = Tasks.spawn(() -> "done");
    assertThat(task.join()).isEqualTo("done");
    task.kill();
    assertThat(task.state()).isEqualTo(TaskState.DONE);
    assertThat(task.join()).isEqualTo("done");
  }
}
