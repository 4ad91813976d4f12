package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Not API. JFR event {@code taskrt.KernelStats}: Periodic counts from the kernel. */
@Name("taskrt.KernelStats")
@Label("Kernel Stats")
@Category("taskrt")
@Description("Periodic counts from the kernel.")
@StackTrace(false)
@Period("1 s")
public final class KernelStatsEvent extends jdk.jfr.Event {
  @Label("Live Tasks")
  public long liveTasks;

  @Label("Strong Tasks")
  public long strongTasks;

  @Label("Weak Tasks")
  public long weakTasks;

  @Label("Tasks Started")
  @Description("Tasks started since the kernel began")
  public long tasksStarted;

  @Label("Tasks Failed")
  public long tasksFailed;

  @Label("Tasks Killed")
  public long tasksKilled;

  @Label("Messages In Flight")
  @Description("Messages sent on pipes and not yet received")
  public long messagesInFlight;
}
