package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.SpawnMode;
import dev.taskrt.Tasks;
import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The slot table behind {@link CurrentTask} on threads that are not taskrt's: a thread claims its
 * slot while a task is bound and releases it when the binding ends, a thread whose slot is taken
 * keeps its binding in the fallback, and a slot left by a thread that died bound is taken over.
 */
class ThreadSlotsTest {
  private static TaskContext task(String name) {
    return new TaskContext(-1, name, null, SpawnMode.LINKED, false, false, "test", null, 0, 0);
  }

  /** Runs {@code body} on a new plain thread whose id maps to the same slot as {@code like}'s. */
  private static void onThreadSharingSlotWith(Thread like, Runnable body) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    while (true) {
      Thread t =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      if ((t.getId() & (ThreadSlots.SIZE - 1)) == (like.getId() & (ThreadSlots.SIZE - 1))) {
        t.start();
        t.join();
        break;
      } // else never started: each new thread takes the next id
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void aThreadOwnsItsSlotOnlyWhileATaskIsBound() throws Exception {
    TaskContext outer = task("outer");
    TaskContext inner = task("inner");
    Thread me = Thread.currentThread();
    assertThat(CurrentTask.get()).isNull();
    TaskContext before = CurrentTask.bind(outer);
    assertThat(before).isNull();
    assertThat(ThreadSlots.ownerOfSlotFor(me)).isSameAs(me);
    assertThat(CurrentTask.get()).isSameAs(outer);
    TaskContext previous = CurrentTask.bind(inner);
    assertThat(previous).isSameAs(outer);
    assertThat(CurrentTask.get()).isSameAs(inner);
    CurrentTask.restore(previous);
    assertThat(CurrentTask.get()).isSameAs(outer);
    CurrentTask.restore(before);
    assertThat(CurrentTask.get()).isNull();
    assertThat(ThreadSlots.ownerOfSlotFor(me)).isNull();
  }

  @Test
  void aThreadWhoseSlotIsTakenKeepsItsBindingInTheFallback() throws Exception {
    TaskContext mine = task("mine");
    TaskContext theirs = task("theirs");
    Thread me = Thread.currentThread();
    TaskContext before = CurrentTask.bind(mine);
    try {
      onThreadSharingSlotWith(
          me,
          () -> {
            assertThat(CurrentTask.get()).isNull(); // the slot is mine, not this thread's
            TaskContext was = CurrentTask.bind(theirs);
            assertThat(was).isNull();
            assertThat(ThreadSlots.ownerOfSlotFor(Thread.currentThread())).isSameAs(me);
            assertThat(ThreadSlots.fallbackUsed()).isTrue();
            assertThat(CurrentTask.get()).isSameAs(theirs);
            CurrentTask.restore(was);
            assertThat(CurrentTask.get()).isNull();
          });
      assertThat(CurrentTask.get()).isSameAs(mine);
    } finally {
      CurrentTask.restore(before);
    }
    assertThat(CurrentTask.get()).isNull();
  }

  @Test
  void aSlotLeftByAThreadThatDiedBoundIsTakenOver() throws Exception {
    TaskContext abandoned = task("abandoned");
    CountDownLatch bound = new CountDownLatch(1);
    Thread dying =
        new Thread(
            () -> {
              CurrentTask.bind(abandoned); // never restored: as if the thread were stopped
              bound.countDown();
            });
    dying.start();
    bound.await();
    dying.join();
    assertThat(ThreadSlots.ownerOfSlotFor(dying)).isSameAs(dying);
    TaskContext fresh = task("fresh");
    onThreadSharingSlotWith(
        dying,
        () -> {
          TaskContext was = CurrentTask.bind(fresh);
          assertThat(ThreadSlots.ownerOfSlotFor(Thread.currentThread()))
              .isSameAs(Thread.currentThread());
          assertThat(CurrentTask.get()).isSameAs(fresh);
          CurrentTask.restore(was);
          assertThat(ThreadSlots.ownerOfSlotFor(Thread.currentThread())).isNull();
        });
  }

  @Test
  void theTableKeepsNoTaskOfAThreadAfterItsTaskEnded() throws Exception {
    Thread worker =
        new Thread(
            () -> {
              TaskContext t = task("short");
              TaskContext was = CurrentTask.bind(t);
              CurrentTask.restore(was);
            });
    WeakReference<Thread> ref = new WeakReference<>(worker);
    worker.start();
    worker.join();
    assertThat(ThreadSlots.ownerOfSlotFor(worker)).isNull();
    worker = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).as("the ended thread is collectable").isNull();
  }

  @Test
  void tasksRunOnAPlainThreadFindThemselves() {
    String seen =
        Tasks.run(
            "outer",
            () -> Tasks.current().name() + "/" + Tasks.run("inner", () -> Tasks.current().name()));
    assertThat(seen).isEqualTo("outer/inner");
    assertThat(Tasks.inTask()).isFalse();
    assertThat(ThreadSlots.ownerOfSlotFor(Thread.currentThread())).isNull();
  }
}
