package dev.taskrt.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Not API. JFR event {@code taskrt.AtExit}: An at_exit handler ran; the event's duration is the
 * handler's.
 */
@Name("taskrt.AtExit")
@Label("At Exit")
@Category("taskrt")
@Description("An at_exit handler ran; the event's duration is the handler's.")
@StackTrace(false)
public final class AtExitEvent extends jdk.jfr.Event {
  @Label("Handler")
  public String handler;

  @Label("Task Id")
  @Description("The task the handler ran as (named after the handler)")
  public long taskId;

  @Label("Order")
  @Description("1 for the first handler run")
  public int order;

  @Label("Outcome")
  @Description("DONE, FAILED or TIMED_OUT")
  public String outcome;

  @Label("Failure")
  public String failure;
}
