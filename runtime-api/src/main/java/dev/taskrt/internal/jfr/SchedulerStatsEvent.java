package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.SchedulerStats}: periodic counts of one scheduler, one event per
 * scheduler that has been given a task, committed beside {@code taskrt.KernelStats}.
 */
@Name("taskrt.SchedulerStats")
@Label("Scheduler Stats")
@Category("taskrt")
@Description("Periodic counts of one scheduler: the tasks it runs now and has run.")
@StackTrace(false)
@Period("1 s")
public final class SchedulerStatsEvent extends jdk.jfr.Event {
  @Label("Scheduler")
  @Description("The scheduler's registered name (default, platform, virtual, single:<name>, ...)")
  public String scheduler;

  @Label("Live Tasks")
  @Description("Tasks spawned onto the scheduler and not yet ended")
  public long liveTasks;

  @Label("Tasks Started")
  @Description("Tasks the scheduler has been given since the kernel began")
  public long tasksStarted;
}
