package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.ForeignCall}: A @Foreign call; the event's duration is the
 * call's.
 */
@Name("taskrt.ForeignCall")
@Label("Foreign Call")
@Category("taskrt")
@Description("A @Foreign call; the event's duration is the call's.")
@StackTrace(false)
public final class ForeignCallEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Method")
  public String method;

  @Label("Failure")
  public String failure;
}
