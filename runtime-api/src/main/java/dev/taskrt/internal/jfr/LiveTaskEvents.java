package dev.taskrt.internal.jfr;

import dev.taskrt.TaskState;

/**
 * Not API. Commits the live-task snapshot events, {@code taskrt.LiveTask} per task and {@code
 * taskrt.LiveTasks} to close a snapshot, for a walker that finds the live tasks.
 *
 * <p>The snapshot is a periodic JFR event: JFR calls the walker on its periodic thread only while
 * some recording enables {@code taskrt.LiveTasks} with a period. No recording, or one with {@code
 * taskrt.jfc} alone, never calls it, so the snapshot costs nothing on the tasks' own paths; their
 * only share is the few plain stores that say what a blocked task waits on.
 */
public final class LiveTaskEvents {
  private LiveTaskEvents() {}

  /**
   * Registers {@code takeSnapshot} as the hook of the periodic {@code taskrt.LiveTasks} event;
   * false if JFR is absent. As with {@code taskrt.KernelStats}, registration waits for a flight
   * recorder to exist, so a JVM that never records never loads the event classes.
   */
  public static boolean register(Runnable takeSnapshot) {
    if (!Events.JFR) {
      return false;
    }
    if (jdk.jfr.FlightRecorder.isInitialized()) {
      add(takeSnapshot);
    } else {
      jdk.jfr.FlightRecorder.addListener(
          new jdk.jfr.FlightRecorderListener() {
            @Override
            public void recorderInitialized(jdk.jfr.FlightRecorder recorder) {
              add(takeSnapshot);
            }
          });
    }
    return true;
  }

  private static void add(Runnable takeSnapshot) {
    jdk.jfr.FlightRecorder.addPeriodicEvent(LiveTasksEvent.class, takeSnapshot);
  }

  /** Whether {@code taskrt.LiveTask} rows are recorded now. */
  public static boolean listingEnabled() {
    return Events.recorderReady() && new LiveTaskEvent().isEnabled();
  }

  /** Lists one live task in snapshot {@code snapshot}; its state was read once by the walker. */
  public static void task(
      long snapshot,
      RecordedTask task,
      TaskState state,
      long listedSince,
      long stackBytes,
      int waitingMethod,
      String waitingFor,
      Object waitingOn) {
    LiveTaskEvent event = new LiveTaskEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.snapshot = snapshot;
    event.taskId = task.id();
    event.taskName = task.name();
    event.parentId = task.parentId();
    event.state = state.name();
    event.scheduler = task.schedulerName();
    event.mode = task.mode().name();
    event.weak = task.isWeak();
    event.listedSince = listedSince;
    event.stackBytes = stackBytes;
    event.waitKind = "";
    event.waitDetail = "";
    if (state == TaskState.FOREIGN) {
      event.waitKind = "foreign";
      event.waitDetail = Events.methodName(waitingMethod);
    } else if (state == TaskState.BLOCKED) {
      describeWait(event, waitingFor, waitingOn);
    }
    event.commit();
  }

  private static void describeWait(LiveTaskEvent event, String what, Object on) {
    if (what == null) {
      event.waitKind = "unknown";
    } else if (on instanceof RecordedPipe) {
      RecordedPipe pipe = (RecordedPipe) on;
      event.waitKind = "pipe";
      event.waitDetail = what + " on " + pipe.kindName();
      event.waitId = pipe.id();
    } else if (on instanceof RecordedTask) {
      RecordedTask joined = (RecordedTask) on;
      event.waitKind = "join";
      event.waitDetail = joined.name();
      event.waitId = joined.id();
    } else {
      event.waitKind = what;
    }
  }

  /** Closes snapshot {@code snapshot} with its counts. */
  public static void snapshot(
      long snapshot,
      long live,
      long listed,
      long running,
      long blocked,
      long foreign,
      long unwinding) {
    LiveTasksEvent event = new LiveTasksEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.snapshot = snapshot;
    event.liveTasks = live;
    event.listed = listed;
    event.running = running;
    event.blocked = blocked;
    event.foreign = foreign;
    event.unwinding = unwinding;
    event.commit();
  }
}
