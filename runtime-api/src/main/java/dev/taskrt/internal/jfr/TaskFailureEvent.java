package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Not API. JFR event {@code taskrt.TaskFailure}: An exception or error left a task's body. */
@Name("taskrt.TaskFailure")
@Label("Task Failure")
@Category("taskrt")
@Description("An exception or error left a task's body.")
@StackTrace(false)
public final class TaskFailureEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Exception Class")
  public String exceptionClass;

  @Label("Message")
  public String message;

  @Label("Where")
  @Description("The first frames of the failure's stack trace")
  public String where;

  @Label("Caught By")
  @Description(
      "The @Boundary method that stopped the failure (the task went on); empty when the failure"
          + " left the task's body")
  public String caughtBy;
}
