package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.LinkedFailure}: A task was killed because a linked task failed.
 */
@Name("taskrt.LinkedFailure")
@Label("Linked Failure")
@Category("taskrt")
@Description("A task was killed because a linked task failed.")
@StackTrace(false)
public final class LinkedFailureEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Source Task Id")
  @Description("The task that failed first")
  public long sourceId;

  @Label("Source Task Name")
  public String sourceName;

  @Label("Via Task Id")
  @Description("The relative that passed the failure on")
  public long viaId;

  @Label("Direction")
  @Description("child-to-parent or parent-to-child")
  public String direction;

  @Label("Cause")
  public String cause;
}
