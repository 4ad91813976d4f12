package dev.taskrt.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * jcstress tests of the current-task lookup on threads that are not taskrt's ({@link ThreadSlots})
 * and of the kill folded into the frame fast path's trigger ({@link TaskStack#watermark}).
 */
public final class ThreadSlotsStress {
  private ThreadSlotsStress() {}

  static TaskContext task(String name) {
    return new TaskContext(-1, name, null, SpawnMode.LINKED, false, false, "stress", null, 0, 0);
  }

  /** 1: the caller reads back its own task; 2: the other's; 0: none. */
  static int seen(TaskContext read, TaskContext mine, TaskContext other) {
    return read == mine ? 1 : read == other ? 2 : 0;
  }

  /**
   * Two threads whose ids share one slot bind a task at once (one claims the slot by CAS, the other
   * falls back to the {@code ThreadLocal}), read the current task, then end their binding. Each
   * always reads its own task, and the slot is free afterwards (claim, fallback and reuse).
   */
  @JCStressTest
  @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "each read its own task; slot released")
  @Outcome(expect = FORBIDDEN, desc = "a thread read another's task or none, or the slot leaked")
  @State
  public static class ClaimRace {
    final ThreadSlots.Slot slot = new ThreadSlots.Slot();
    final TaskContext a = task("a");
    final TaskContext b = task("b");

    @Actor
    public void first(III_Result r) {
      Thread me = Thread.currentThread();
      TaskContext was = ThreadSlots.bindAt(slot, me, a);
      r.r1 = seen(ThreadSlots.getAt(slot, me), a, b);
      ThreadSlots.bindAt(slot, me, was);
      if (ThreadSlots.getAt(slot, me) != null) {
        r.r1 = 0;
      }
    }

    @Actor
    public void second(III_Result r) {
      Thread me = Thread.currentThread();
      TaskContext was = ThreadSlots.bindAt(slot, me, b);
      r.r2 = seen(ThreadSlots.getAt(slot, me), b, a);
      ThreadSlots.bindAt(slot, me, was);
      if (ThreadSlots.getAt(slot, me) != null) {
        r.r2 = 0;
      }
    }

    @Arbiter
    public void after(III_Result r) {
      r.r3 = slot.owner == null && slot.task == null ? 1 : 0;
    }
  }

  /**
   * One thread holds the slot with a nested binding while another binds: the holder keeps reading
   * its own task through the nesting, the other reads its own from the fallback.
   */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "each read its own task")
  @Outcome(expect = FORBIDDEN, desc = "a thread read another's task or none")
  @State
  public static class NestedHolderVersusNewcomer {
    final ThreadSlots.Slot slot = new ThreadSlots.Slot();
    final TaskContext outer = task("outer");
    final TaskContext inner = task("inner");
    final TaskContext other = task("other");

    @Actor
    public void holder(II_Result r) {
      Thread me = Thread.currentThread();
      TaskContext was = ThreadSlots.bindAt(slot, me, outer);
      TaskContext mid = ThreadSlots.bindAt(slot, me, inner);
      boolean ok = ThreadSlots.getAt(slot, me) == inner;
      ThreadSlots.bindAt(slot, me, mid);
      ok &= ThreadSlots.getAt(slot, me) == outer;
      ThreadSlots.bindAt(slot, me, was);
      r.r1 = ok && ThreadSlots.getAt(slot, me) == null ? 1 : 0;
    }

    @Actor
    public void newcomer(II_Result r) {
      Thread me = Thread.currentThread();
      TaskContext was = ThreadSlots.bindAt(slot, me, other);
      boolean ok = ThreadSlots.getAt(slot, me) == other;
      ThreadSlots.bindAt(slot, me, was);
      r.r2 = ok && ThreadSlots.getAt(slot, me) == null ? 1 : 0;
    }
  }

  /**
   * A kill racing the owner's frame entry that raises the high water (and so rewrites the fast
   * path's trigger): either the entering frame meets the kill, or the trigger ends at its minimum
   * so the next frame does. Never a kill hidden from every later frame.
   */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the entering frame met the kill")
  @Outcome(
      id = "0, 1",
      expect = ACCEPTABLE_INTERESTING,
      desc = "kill came after; next frame meets it")
  @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "impossible: met a kill but trigger lost")
  @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "kill hidden from the fast path")
  @State
  public static class KillVersusNewHighWater {
    final TaskContext task = task("t");

    @Actor
    public void owner(II_Result r) {
      try {
        task.enterFrame(0, (64L << TaskContext.DEPTH_BITS) + 1);
        r.r1 = 0;
      } catch (TaskKilledError e) {
        r.r1 = 1;
      }
    }

    @Actor
    public void killer() {
      task.kill();
    }

    @Arbiter
    public void after(II_Result r) {
      r.r2 = task.watermark == Long.MIN_VALUE ? 1 : 0;
    }
  }
}
