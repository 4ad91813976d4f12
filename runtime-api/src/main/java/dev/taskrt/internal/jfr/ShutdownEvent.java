package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.Shutdown}: The kernel's shutdown sequence; the event's duration
 * is the sequence's.
 */
@Name("taskrt.Shutdown")
@Label("Shutdown")
@Category("taskrt")
@Description("The kernel's shutdown sequence; the event's duration is the sequence's.")
@StackTrace(false)
public final class ShutdownEvent extends jdk.jfr.Event {
  @Label("Trigger")
  @Description("ROOT_RETURNED, ROOT_FAILED, SYSTEM_EXIT or SIGNAL")
  public String trigger;

  @Label("Exit Status")
  public int exitStatus;

  @Label("Strong Tasks Waited For")
  public int strongWaited;

  @Label("Strong Tasks Killed")
  public int strongKilled;

  @Label("At Exit Handlers Run")
  public int atExitRun;

  @Label("At Exit Handlers Failed")
  public int atExitFailed;

  @Label("Weak Tasks Killed")
  public int weakKilled;

  @Label("Tasks Abandoned")
  @Description("Tasks still running when the time ran out")
  public int abandoned;

  @Label("Abandoned Names")
  public String abandonedNames;
}
