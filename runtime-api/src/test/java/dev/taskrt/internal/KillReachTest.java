package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills reach what they must, at the moments a second reading found them missing: the live child of
 * a synchronous child that is just ending, and the rest of a sleep inside {@code unkillable}.
 */
class KillReachTest {

  /**
   * A synchronous child C that ends with a live child G moves from its parent P's {@code syncChild}
   * to P's children. A killer reading both in between must still find C, so that a kill of P
   * reaches G. The test holds P's monitor, where the move waits, and looks then.
   */
  @Test
  @Timeout(30)
  void aSyncChildEndingWithALiveChildIsReachableThroughoutTheMoveToTheChildList() throws Exception {
    TaskContext p = TaskLauncher.beginInline(TaskSpec.named("P"));
    TaskContext c = TaskLauncher.beginInline(TaskSpec.named("C"));
    CountDownLatch release = new CountDownLatch(1);
    TaskContext g =
        TaskLauncher.spawn(
            TaskSpec.named("G"),
            () -> {
              release.await(20, TimeUnit.SECONDS);
              return null;
            });
    Thread owner = Thread.currentThread();
    AtomicReference<String> whereBlocked = new AtomicReference<>();
    AtomicReference<List<TaskContext>> seen = new AtomicReference<>();
    CountDownLatch holding = new CountDownLatch(1);
    Thread killer =
        new Thread(
            () -> {
              synchronized (p) {
                holding.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (owner.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
                whereBlocked.set(Arrays.toString(owner.getStackTrace()));
                seen.set(p.childrenSnapshot()); // what a kill of P would reach now
              }
            },
            "killer");
    killer.start();
    holding.await();
    TaskLauncher.endInline(c, null); // C ends with G alive: the move to P's children
    killer.join();
    try {
      assertThat(whereBlocked.get())
          .as("the owner waited for P's monitor while moving C")
          .contains("releaseRunningHere");
      assertThat(seen.get()).as("C reachable from P in the middle of the move").contains(c);
    } finally {
      release.countDown();
      g.join(Duration.ofSeconds(20));
      TaskLauncher.endInline(p, null);
    }
  }

  /**
   * A kill that lands just before the task enters {@code unkillable} (its interrupt already sent)
   * does not cut short a sleep inside the section: the sleep runs its time and the kill is
   * delivered when the section ends.
   */
  @Test
  @Timeout(30)
  void aKillBeforeAnUnkillableSectionDoesNotCutShortASleepInIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Long> sleptNanos = new AtomicReference<>();
    TaskContext task =
        TaskLauncher.spawn(
            TaskSpec.named("T"),
            () -> {
              started.countDown();
              TaskContext self = CurrentTask.get();
              while (!self.isKillRequested()) {
                Thread.onSpinWait(); // no checkpoint: the kill stays pending
              }
              return TaskScope.unkillable(
                  () -> {
                    long t0 = System.nanoTime();
                    TaskScope.sleep(Duration.ofMillis(300));
                    sleptNanos.set(System.nanoTime() - t0);
                    return null;
                  });
            });
    started.await();
    task.kill();
    assertThatThrownBy(() -> task.join(Duration.ofSeconds(20)))
        .isInstanceOf(TaskFailedException.class);
    assertThat(task.outcome()).isEqualTo(TaskState.KILLED);
    assertThat(sleptNanos.get())
        .as("the sleep inside unkillable ran its 300 ms")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
  }

  /**
   * Work a pool runs for task C after C has ended, when C had no other live children (so C left the
   * tree), is still reached by a kill of C's parent: C rejoins its parent's children while the work
   * runs, and leaves again when it ends.
   */
  @Test
  @Timeout(30)
  void workHandedOffAfterItsTaskEndedIsReachedByAKillOfTheTasksParent() throws Exception {
    TaskContext p = TaskLauncher.beginInline(TaskSpec.named("P"));
    try {
      TaskContext c = endedChild();
      CountDownLatch running = new CountDownLatch(1);
      AtomicReference<TaskContext> handedOff = new AtomicReference<>();
      AtomicReference<Throwable> workEnded = new AtomicReference<>();
      Thread pool =
          handOff(
              c,
              () -> {
                handedOff.set(CurrentTask.get());
                running.countDown();
                TaskScope.sleep(Duration.ofSeconds(20));
                return null;
              },
              workEnded);
      running.await();
      assertThat(p.childrenSnapshot()).as("C back under P while its work runs").contains(c);
      cancelFromOutside(p);
      joinThroughInterrupts(pool);
      assertThat(handedOff.get().isKillRequested()).isTrue();
      assertThat(workEnded.get()).isInstanceOf(TaskKilledError.class);
      assertThat(p.childrenSnapshot()).as("C left again once its work ended").doesNotContain(c);
    } finally {
      endCancelled(p);
    }
  }

  /**
   * The other order: P is cancelled first, while its ended child C has left the tree, so the
   * cancellation goes down without finding anything under C; then a pool starts work for C. Before
   * the fix the work rejoined the tree under a cancelled P and ran to its end.
   */
  @Test
  @Timeout(30)
  void workHandedOffAfterItsParentWasCancelledIsKilledAsItStarts() throws Exception {
    TaskContext p = TaskLauncher.beginInline(TaskSpec.named("P"));
    try {
      TaskContext c = endedChild();
      cancelFromOutside(p);
      assertThat(p.isKillRequested()).isTrue();
      AtomicReference<Throwable> workEnded = new AtomicReference<>();
      Thread pool =
          handOff(
              c,
              () -> {
                TaskScope.sleep(Duration.ofSeconds(5));
                return null;
              },
              workEnded);
      joinThroughInterrupts(pool);
      // Killed as it starts, as a spawn under P would now be refused: the body does not run.
      assertThat(workEnded.get())
          .isInstanceOf(TaskKilledError.class)
          .hasMessageContaining("was killed: cancelled");
    } finally {
      endCancelled(p);
    }
  }

  /** A child task C of the current task, spawned and ended (so it left the tree). */
  private static TaskContext endedChild() throws Exception {
    TaskContext c = TaskLauncher.spawn(TaskSpec.named("C"), () -> "done");
    c.join(Duration.ofSeconds(20));
    return c;
  }

  /** Cancels {@code p}, which runs on this thread, from another thread, as code outside would. */
  private static void cancelFromOutside(TaskContext p) {
    Thread killer = new Thread(p::kill, "killer");
    killer.start();
    joinThroughInterrupts(killer); // the kill of P interrupts this thread: P runs here
  }

  /** Ends the inline task {@code p}, cancelled by the test: its end throws the kill. */
  private static void endCancelled(TaskContext p) {
    Thread.interrupted();
    try {
      TaskLauncher.endInline(p, null);
    } catch (Throwable killed) {
      // expected: P was cancelled
    }
  }

  /**
   * Starts a thread, as a pool's, that runs {@code work} handed off from {@code task}; sets {@code
   * ended} to what the work threw, or to an error saying it was not killed.
   */
  private static Thread handOff(
      TaskContext task, Callable<?> work, AtomicReference<Throwable> ended) {
    Thread pool =
        new Thread(
            () -> {
              try {
                TaskLauncher.runHandedOff(task, SpawnMode.SUPERVISED, null, work);
                ended.set(new AssertionError("the work was not killed"));
              } catch (Throwable t) {
                ended.set(t);
              }
            },
            "pool");
    pool.start();
    return pool;
  }

  private static void joinThroughInterrupts(Thread thread) {
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException interruptedByTheKill) {
        // join again
      }
    }
  }
}
