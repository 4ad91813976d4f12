package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.TaskEnd}: A task ended; the event's duration is the task's run
 * time.
 */
@Name("taskrt.TaskEnd")
@Label("Task End")
@Category("taskrt")
@Description("A task ended; the event's duration is the task's run time.")
@StackTrace(false)
public final class TaskEndEvent extends jdk.jfr.Event {
  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Parent Id")
  public long parentId;

  @Label("Outcome")
  @Description("DONE, FAILED or KILLED")
  public String outcome;

  @Label("Failure")
  @Description("What the task failed or was killed with, as class: message; empty when DONE")
  public String failure;

  @Label("Stack High Water")
  @Description("The largest estimated stack use of the task's instrumented frames")
  @DataAmount
  public long stackHighWater;

  @Label("Segments Crossed")
  @Description("How many stack segment boundaries the task crossed")
  public int segmentsCrossed;

  @Label("Allocated")
  @Description("Bytes allocated by the task's thread while the task ran; -1 if unknown")
  @DataAmount
  public long allocatedBytes;

  @Label("Weak")
  public boolean weak;

  @Label("Scheduler")
  public String scheduler;

  /** Whether the event is recorded now, without keeping an instance. */
  static final class EnabledCheck {
    private EnabledCheck() {}

    static boolean enabled() {
      return new TaskEndEvent().isEnabled();
    }
  }
}
