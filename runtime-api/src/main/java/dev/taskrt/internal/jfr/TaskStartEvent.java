package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Not API. JFR event {@code taskrt.TaskStart}: A task began to run on its thread. */
@Name("taskrt.TaskStart")
@Label("Task Start")
@Category("taskrt")
@Description("A task began to run on its thread.")
@StackTrace(false)
public final class TaskStartEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Parent Id")
  @Description("The parent task's id, 0 for a root task")
  public long parentId;

  @Label("Spawn Mode")
  @Description("LINKED, SUPERVISED or UNLINKED")
  public String mode;

  @Label("Weak")
  @Description("A weak task does not keep the runtime alive")
  public boolean weak;

  @Label("Scheduler")
  @Description("The scheduler running the task; 'caller' for a synchronous task")
  public String scheduler;
}
