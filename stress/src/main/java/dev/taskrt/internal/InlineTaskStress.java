package dev.taskrt.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * jcstress tests of the synchronous task that runs inline on its parent's thread (a {@code @Task}
 * method, {@code Tasks.run}): its fields set by plain stores before the volatile publication to its
 * parent, the kill of its parent racing its start and its end, and its per-thread counts ({@link
 * InlineTaskCounts}).
 */
public final class InlineTaskStress {
  private InlineTaskStress() {}

  static final TaskSpec CHILD = TaskSpec.named("inline-child");

  /**
   * A parent task for the actor that runs its child to bind. It does not know its thread, so its
   * kill does not interrupt the actor's thread (which is jcstress's, and outlives the test); the
   * child's kill does, and the child's end clears that interrupt, as for any task.
   */
  static TaskContext parent() {
    return new TaskContext(
        -1, "parent", null, SpawnMode.LINKED, false, false, "stress", null, 0, 0);
  }

  /** One frame's delta: 64 bytes, one frame. */
  static final long FRAME = (64L << TaskStack.DEPTH_BITS) + 1;

  /**
   * A parent's kill while its synchronous child starts and then runs a loop of instrumented frames:
   * the child is refused at its start or meets the kill at a frame entry. It never runs on unkilled
   * (the test would not terminate): the kill finds it through the parent however its start and the
   * kill interleave, and its frame trigger, set by a plain store before it was published, is never
   * seen over the killer's.
   */
  @JCStressTest(Mode.Termination)
  @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the child was refused or killed")
  @Outcome(id = "STALE", expect = FORBIDDEN, desc = "the child ran on after its parent's kill")
  @State
  public static class KillReachesRunningChild {
    final TaskContext parent = parent();

    @Actor
    public void owner() {
      TaskContext outer = CurrentTask.bind(parent);
      try {
        TaskContext child;
        try {
          child = TaskLauncher.beginInline(CHILD);
        } catch (TaskKilledError refused) {
          return;
        }
        Throwable failure = null;
        try {
          while (true) {
            child.enterFrame(0, FRAME);
            child.exitFrame(FRAME, null);
          }
        } catch (TaskKilledError killed) {
          failure = killed;
        }
        try {
          TaskLauncher.endInline(child, failure);
        } catch (TaskKilledError expected) {
          // the kill ends it
        }
      } finally {
        CurrentTask.restore(outer);
      }
    }

    @Signal
    public void kill() {
      parent.kill();
    }
  }

  /**
   * A parent's kill racing its synchronous child's start and end. r1: what the child's caller saw
   * (1 refused at start, 2 ended DONE, 3 ended by the kill); r2: whether the outcome the child's
   * handle reports matches what its caller saw, and the child let go of its parent; r3: the child's
   * state is never unset (plain-stored at creation, read by the killer's thread).
   */
  @JCStressTest
  @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the kill came first: the child was refused")
  @Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "the child ended before the kill")
  @Outcome(id = "3, 1, 1", expect = ACCEPTABLE, desc = "the kill reached the running child")
  @Outcome(expect = FORBIDDEN, desc = "outcome and caller disagree, or the child stayed linked")
  @State
  public static class KillRacesChildStartAndEnd {
    final TaskContext parent = parent();
    volatile TaskContext child;
    int killerSawState = 1;

    @Actor
    public void owner(III_Result r) {
      TaskContext outer = CurrentTask.bind(parent);
      try {
        TaskContext c;
        try {
          c = TaskLauncher.beginInline(CHILD);
        } catch (TaskKilledError refused) {
          r.r1 = 1;
          return;
        }
        child = c;
        try {
          TaskLauncher.endInline(c, null);
          r.r1 = 2;
        } catch (TaskKilledError killed) {
          r.r1 = 3;
        }
      } finally {
        CurrentTask.restore(outer);
      }
    }

    @Actor
    public void killer() {
      parent.kill();
      TaskContext running = parent.syncChildNow();
      if (running != null && running.state == null) {
        killerSawState = 0;
      }
    }

    @Arbiter
    public void after(III_Result r) {
      TaskContext c = child;
      boolean agrees;
      if (r.r1 == 1) {
        agrees = c == null;
      } else {
        TaskState expected = r.r1 == 2 ? TaskState.DONE : TaskState.KILLED;
        agrees = c != null && c.outcome() == expected && c.state == expected;
      }
      r.r2 = agrees && parent.syncChildNow() == null ? 1 : 0;
      r.r3 = killerSawState;
    }
  }

  /**
   * One thread starts and ends an inline task in its own cell while another reads the sums: the
   * reader sees the task live or not, never a negative or doubled count, and afterwards one task
   * started and none live.
   */
  @JCStressTest
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "read before the start or after the end")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "read while the task ran")
  @Outcome(expect = FORBIDDEN, desc = "a count read wrong, or left wrong")
  @State
  public static class CountsReadWhileATaskRuns {
    final InlineTaskCounts counts = new InlineTaskCounts();

    @Actor
    public void runner() {
      InlineTaskCounts.Cell cell = counts.cell();
      cell.taskStarted();
      cell.taskEnded();
    }

    @Actor
    public void reader(JJ_Result r) {
      long live = counts.live();
      long started = counts.started();
      r.r1 = live > started ? -1 : live;
    }

    @Arbiter
    public void after(JJ_Result r) {
      r.r2 = counts.live() == 0 && counts.started() == 1 ? 1 : 0;
    }
  }
}
