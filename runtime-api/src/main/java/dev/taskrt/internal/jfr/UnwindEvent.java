package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.Unwind}: Hooks ran while a frame or task unwound after a
 * failure.
 */
@Name("taskrt.Unwind")
@Label("Unwind")
@Category("taskrt")
@Description("Hooks ran while a frame or task unwound after a failure.")
@StackTrace(false)
public final class UnwindEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Scope")
  @Description("The frame's method, or 'task' for the task's own scope")
  public String scope;

  @Label("Hooks Run")
  public int hooksRun;

  @Label("Hooks Failed")
  public int hooksFailed;

  @Label("Double Failure")
  @Description("A hook failed while the frame was already failing")
  public boolean doubleFailure;

  @Label("Failure")
  public String failure;
}
