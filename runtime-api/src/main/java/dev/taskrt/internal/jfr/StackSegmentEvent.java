package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.StackSegment}: A task's estimated stack crossed a segment
 * boundary.
 */
@Name("taskrt.StackSegment")
@Label("Stack Segment")
@Category("taskrt")
@Description("A task's estimated stack crossed a segment boundary.")
@StackTrace(false)
public final class StackSegmentEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Method")
  @Description("The frame whose entry crossed the boundary")
  public String method;

  @Label("Stack Bytes")
  @DataAmount
  public long stackBytes;

  @Label("Depth")
  @Description("Instrumented frames on the task's stack")
  public int depth;

  @Label("Segment")
  @Description("How many boundaries the task has crossed, this one included")
  public int segment;
}
