package dev.taskrt.internal;

import dev.taskrt.TaskState;
import dev.taskrt.internal.jfr.LiveTaskEvents;

/**
 * Not API. Takes a live-task snapshot when JFR asks for one (the hook of the periodic {@code
 * taskrt.LiveTasks} event): every task in the kernel's registry, and the synchronous children each
 * runs on its own thread, with its state and what it waits on.
 *
 * <h2>Design notes</h2>
 *
 * <p>Runs on JFR's periodic thread, never on a task's. The registry's listing takes each stripe's
 * monitor briefly and returns a copy, so no event is committed while a monitor is held. Each task's
 * state is read once (volatile); what it waits on is written by the owner before it publishes
 * BLOCKED or FOREIGN, so a reader that saw the state sees at least that wait (a later one at worst:
 * the snapshot is a sample). A task that ends during the walk is listed as it was or skipped when
 * its state is already an outcome. At most {@link #MAX_LISTED} tasks get a row; all are counted.
 *
 * <p>A task's age comes from the snapshots, not from the task: the first snapshot that lists a task
 * stamps it with that snapshot's wall-clock time ({@code listedSinceMillis}, written by this hook
 * alone), so the task started before that time and, unless it was alive at the snapshot before,
 * after that one. Tasks pay nothing for it (no clock read per task, watched or not); ages are lower
 * bounds, at most one snapshot period short.
 */
final class LiveTaskSnapshot implements Runnable {
  /** Tasks listed with a row of their own per snapshot; beyond it they are counted only. */
  static final int MAX_LISTED = 2_000;

  private final KernelState kernel;
  private long number;

  private LiveTaskSnapshot(KernelState kernel) {
    this.kernel = kernel;
  }

  /** Registers the snapshot hook for the kernel; false when the JVM has no JFR. */
  static boolean register(KernelState kernel) {
    return LiveTaskEvents.register(new LiveTaskSnapshot(kernel));
  }

  @Override
  public void run() {
    long snapshot = ++number; // JFR runs one periodic hook at a time
    long now = System.currentTimeMillis();
    boolean listing = LiveTaskEvents.listingEnabled();
    long[] byState = new long[TaskState.values().length];
    long live = 0;
    long listed = 0;
    for (TaskContext registered : kernel.registeredTasks()) {
      for (TaskContext task = registered; task != null; task = task.syncChildNow()) {
        TaskState state = task.state;
        if (state.isTerminal()) {
          continue;
        }
        live++;
        byState[state.ordinal()]++;
        if (listing && listed < MAX_LISTED) {
          listed++;
          if (task.listedSinceMillis == 0) {
            task.listedSinceMillis = now; // this hook is the field's only writer
          }
          LiveTaskEvents.task(
              snapshot,
              task,
              state,
              task.listedSinceMillis,
              task.stackBytes(),
              task.waitingMethod,
              task.waitingFor,
              task.waitingOn);
        }
      }
    }
    LiveTaskEvents.snapshot(
        snapshot,
        live,
        listed,
        byState[TaskState.RUNNING.ordinal()],
        byState[TaskState.BLOCKED.ordinal()],
        byState[TaskState.FOREIGN.ordinal()],
        byState[TaskState.UNWINDING.ordinal()]);
  }
}
