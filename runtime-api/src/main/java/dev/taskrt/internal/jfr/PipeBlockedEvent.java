package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.PipeBlocked}: A task waited on a pipe longer than the event's
 * threshold.
 */
@Name("taskrt.PipeBlocked")
@Label("Pipe Blocked")
@Category("taskrt")
@Description("A task waited on a pipe longer than the event's threshold.")
@StackTrace(false)
public final class PipeBlockedEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Pipe Id")
  public long pipeId;

  @Label("Operation")
  @Description("send, recv or select")
  public String operation;
}
