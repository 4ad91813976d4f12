package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.LiveTask}: one live task at a live-task snapshot, what it does
 * and what it waits on. Committed only while {@code taskrt.LiveTasks} is enabled with a period (as
 * {@code top} does); {@code taskrt.jfc} leaves both off.
 */
@Name("taskrt.LiveTask")
@Label("Live Task")
@Category("taskrt")
@Description(
    "A task alive when a live-task snapshot was taken: its state and, when blocked, what it waits"
        + " on. The taskrt.LiveTasks event with the same snapshot number closes the snapshot.")
@StackTrace(false)
@Enabled(false)
public final class LiveTaskEvent extends jdk.jfr.Event {
  @Label("Snapshot")
  @Description("The number of the snapshot this task was listed in")
  public long snapshot;

  @Label("Task Id")
  @Description("The task's id, unique in the JVM")
  public long taskId;

  @Label("Task Name")
  public String taskName;

  @Label("Parent Id")
  @Description("The parent task's id, 0 for a root task")
  public long parentId;

  @Label("State")
  @Description("RUNNING, BLOCKED, FOREIGN or UNWINDING")
  public String state;

  @Label("Scheduler")
  @Description("The scheduler's name, or caller for a synchronous task on its caller's thread")
  public String scheduler;

  @Label("Spawn Mode")
  @Description("LINKED, SUPERVISED or UNLINKED")
  public String mode;

  @Label("Weak")
  @Description("Whether the task does not keep the runtime alive")
  public boolean weak;

  @Label("Listed Since")
  @Description(
      "Wall-clock milliseconds since the epoch of the first snapshot that listed the task: it"
          + " started before then, and after the snapshot before unless it was alive at that one")
  public long listedSince;

  @Label("Waits On")
  @Description(
      "What a BLOCKED or FOREIGN task waits on: pipe, select, join, sleep, foreign; else empty")
  public String waitKind;

  @Label("Wait Detail")
  @Description(
      "The pipe operation and kind (recv on stream), the joined task's name, or the foreign method")
  public String waitDetail;

  @Label("Wait Id")
  @Description("The pipe's id or the joined task's id; 0 otherwise")
  public long waitId;

  @Label("Stack Bytes")
  @Description("Estimated bytes of the task's instrumented frames on its stack now")
  public long stackBytes;
}
