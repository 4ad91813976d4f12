package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.LiveTasks}: a live-task snapshot, committed after the {@code
 * taskrt.LiveTask} events it lists. Periodic; off by default and in {@code taskrt.jfc}, so it costs
 * nothing until a recording asks for it ({@code top} enables it with its refresh interval as the
 * period).
 */
@Name("taskrt.LiveTasks")
@Label("Live Tasks")
@Category("taskrt")
@Description(
    "A snapshot of the live tasks by state, taken periodically while enabled; closes the"
        + " taskrt.LiveTask events with the same snapshot number.")
@StackTrace(false)
@Enabled(false)
@Period("1 s")
public final class LiveTasksEvent extends jdk.jfr.Event {
  @Label("Snapshot")
  @Description("The snapshot's number, counting from 1 in this JVM")
  public long snapshot;

  @Label("Live Tasks")
  @Description("Live tasks found by the snapshot")
  public long liveTasks;

  @Label("Listed")
  @Description("Tasks with a taskrt.LiveTask event in this snapshot (at most the listing cap)")
  public long listed;

  @Label("Running")
  public long running;

  @Label("Blocked")
  @Description("Tasks waiting in a runtime call: pipe, select, join or sleep")
  public long blocked;

  @Label("Foreign")
  @Description("Tasks inside a foreign call")
  public long foreign;

  @Label("Unwinding")
  public long unwinding;
}
