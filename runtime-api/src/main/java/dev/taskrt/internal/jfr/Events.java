package dev.taskrt.internal.jfr;

import dev.taskrt.TaskState;
import java.util.function.IntFunction;

/**
 * Not API. Every event the runtime commits goes through here.
 *
 * <p>Each method first asks the event whether it is enabled (a static check once JFR has
 * instrumented the class), so with no recording running an emit costs a branch and builds no
 * payload. When the {@code jdk.jfr} module is absent (a trimmed runtime image), nothing is emitted
 * and no event class is loaded. Never call these while holding a kernel or task monitor.
 */
public final class Events {
  /** Whether the JVM has the JFR module at all. */
  static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  /** Set once a flight recorder exists in this JVM; it never goes away. */
  private static volatile boolean recorderSeen;

  /** How events name a rewritten method by its id; see {@link #nameMethodsWith}. */
  private static volatile IntFunction<String> methodNames = UnknownMethods.INSTANCE;

  private Events() {}

  /**
   * Sets how events name a rewritten method by the id its rewritten code carries (the runtime's
   * method registry, once it exists); until then every method is {@code ?}.
   */
  public static void nameMethodsWith(IntFunction<String> names) {
    methodNames = names;
  }

  /** Names every method {@code ?}: no method was registered yet. */
  /** The name of a registered method, for events. */
  static String methodName(int methodId) {
    return methodNames.apply(methodId);
  }

  private enum UnknownMethods implements IntFunction<String> {
    INSTANCE;

    @Override
    public String apply(int methodId) {
      return "?";
    }
  }

  /**
   * Whether a flight recorder exists, so that an event could be recorded. Until one does, no event
   * class is loaded: on JDK 17 loading the first event class initialises JFR's metadata, about 400
   * ms of CPU at start-up, even when nothing records.
   */
  static boolean recorderReady() {
    if (recorderSeen) {
      return true;
    }
    if (JFR && jdk.jfr.FlightRecorder.isInitialized()) {
      recorderSeen = true;
      return true;
    }
    return false;
  }

  /** Whether {@code taskrt.TaskEnd} is recorded now; decides whether a task measures itself. */
  public static boolean taskEndEnabled() {
    return recorderReady() && TaskEndEvent.EnabledCheck.enabled();
  }

  /** At a task's start, on its thread. */
  public static void taskStart(RecordedTask task) {
    if (!recorderReady()) {
      return;
    }
    TaskStartEvent event = new TaskStartEvent();
    if (event.shouldCommit()) {
      event.taskId = task.id();
      event.taskName = task.name();
      event.parentId = task.parentId();
      event.mode = task.mode().name();
      event.weak = task.isWeak();
      event.scheduler = task.schedulerName();
      event.commit();
    }
  }

  /** Starts the clock of a task's TaskEnd event; returns it, or null when not recording. */
  public static Object taskEndBegin() {
    if (!recorderReady()) {
      return null;
    }
    TaskEndEvent event = new TaskEndEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /** At a task's end, on its thread. */
  public static void taskEnd(
      RecordedTask task, Object begun, TaskState outcome, Throwable failure, long allocated) {
    if (!(begun instanceof TaskEndEvent)) {
      return;
    }
    TaskEndEvent event = (TaskEndEvent) begun;
    event.end();
    if (event.shouldCommit()) {
      event.taskId = task.id();
      event.taskName = task.name();
      event.parentId = task.parentId();
      event.outcome = outcome.name();
      event.failure = describe(failure);
      event.stackHighWater = task.highWater();
      event.segmentsCrossed = task.segmentsCrossed();
      event.allocatedBytes = allocated;
      event.weak = task.isWeak();
      event.scheduler = task.schedulerName();
      event.commit();
    }
  }

  /** A failure left a task's body. */
  public static void taskFailure(RecordedTask task, Throwable failure) {
    taskFailure(task, failure, "");
  }

  /**
   * A failure in a task: it left the task's body ({@code caughtBy} empty), or a {@code @Boundary}
   * method, named by {@code caughtBy}, stopped it and the task went on.
   */
  public static void taskFailure(RecordedTask task, Throwable failure, String caughtBy) {
    if (!recorderReady()) {
      return;
    }
    TaskFailureEvent event = new TaskFailureEvent();
    if (event.shouldCommit()) {
      event.taskId = task.id();
      event.taskName = task.name();
      event.exceptionClass = failure.getClass().getName();
      event.message = String.valueOf(failure.getMessage());
      event.where = topFrames(failure, 5);
      event.caughtBy = caughtBy;
      event.commit();
    }
  }

  /** {@code target} was killed by {@code source}'s failure, passed on by {@code via}. */
  public static void linkedFailure(
      RecordedTask source, RecordedTask via, RecordedTask target, Throwable cause) {
    if (!recorderReady()) {
      return;
    }
    LinkedFailureEvent event = new LinkedFailureEvent();
    if (event.shouldCommit()) {
      event.taskId = target.id();
      event.taskName = target.name();
      event.sourceId = source.id();
      event.sourceName = source.name();
      event.viaId = via == null ? source.id() : via.id();
      event.direction =
          via != null && via.parentId() == target.id() ? "child-to-parent" : "parent-to-child";
      event.cause = describe(cause);
      event.commit();
    }
  }

  /** Hooks ran while a frame or task unwound. */
  public static void unwind(
      RecordedTask task,
      String scope,
      int hooksRun,
      int hooksFailed,
      boolean doubleFailure,
      Throwable failure) {
    if (!recorderReady()) {
      return;
    }
    UnwindEvent event = new UnwindEvent();
    if (event.shouldCommit()) {
      event.taskId = task.id();
      event.taskName = task.name();
      event.scope = scope;
      event.hooksRun = hooksRun;
      event.hooksFailed = hooksFailed;
      event.doubleFailure = doubleFailure;
      event.failure = describe(failure);
      event.commit();
    }
  }

  /** A task's stack estimate crossed a segment boundary entering a method. */
  public static void stackSegment(
      RecordedTask task, int methodId, long stackBytes, int depth, int segment) {
    if (!recorderReady()) {
      return;
    }
    StackSegmentEvent event = new StackSegmentEvent();
    if (event.shouldCommit()) {
      event.taskId = task.id();
      event.taskName = task.name();
      event.method = methodNames.apply(methodId);
      event.stackBytes = stackBytes;
      event.depth = depth;
      event.segment = segment;
      event.commit();
    }
  }

  /** Starts timing a foreign call; returns the event or null when not recording. */
  public static Object foreignBegin() {
    if (!recorderReady()) {
      return null;
    }
    ForeignCallEvent event = new ForeignCallEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /** Ends a foreign call's timing. */
  public static void foreignEnd(Object begun, RecordedTask task, int methodId, Throwable failure) {
    if (!(begun instanceof ForeignCallEvent)) {
      return;
    }
    ForeignCallEvent event = (ForeignCallEvent) begun;
    event.end();
    if (event.shouldCommit()) {
      event.taskId = task == null ? 0 : task.id();
      event.taskName = task == null ? "" : task.name();
      event.method = methodNames.apply(methodId);
      event.failure = describe(failure);
      event.commit();
    }
  }

  /** Starts timing a pipe wait; returns the event or null when not recording. */
  public static Object pipeBlockedBegin() {
    if (!recorderReady()) {
      return null;
    }
    PipeBlockedEvent event = new PipeBlockedEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /** Ends a pipe wait; committed only if it lasted longer than the event's threshold. */
  public static void pipeBlockedEnd(
      Object begun, RecordedTask task, long pipeId, String operation) {
    if (!(begun instanceof PipeBlockedEvent)) {
      return;
    }
    PipeBlockedEvent event = (PipeBlockedEvent) begun;
    event.end();
    if (event.shouldCommit()) {
      event.taskId = task == null ? 0 : task.id();
      event.taskName = task == null ? "" : task.name();
      event.pipeId = pipeId;
      event.operation = operation;
      event.commit();
    }
  }

  /** Starts timing an at_exit handler. */
  public static Object atExitBegin() {
    if (!recorderReady()) {
      return null;
    }
    AtExitEvent event = new AtExitEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /** Ends an at_exit handler's timing. */
  public static void atExitEnd(
      Object begun, String handler, int order, String outcome, Throwable failure, long taskId) {
    if (!(begun instanceof AtExitEvent)) {
      return;
    }
    AtExitEvent event = (AtExitEvent) begun;
    event.end();
    if (event.shouldCommit()) {
      event.handler = handler;
      event.taskId = taskId;
      event.order = order;
      event.outcome = outcome;
      event.failure = describe(failure);
      event.commit();
    }
  }

  /** Starts timing the shutdown sequence. */
  public static Object shutdownBegin() {
    if (!recorderReady()) {
      return null;
    }
    ShutdownEvent event = new ShutdownEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }

  /** What the shutdown sequence did. */
  public static final class ShutdownFacts {
    public String trigger;
    public int exitStatus;
    public int strongWaited;
    public int strongKilled;
    public int atExitRun;
    public int atExitFailed;
    public int weakKilled;
    public int abandoned;
    public String abandonedNames = "";
  }

  /** Ends and commits the shutdown event. */
  public static void shutdownEnd(Object begun, ShutdownFacts facts) {
    if (!(begun instanceof ShutdownEvent)) {
      return;
    }
    ShutdownEvent event = (ShutdownEvent) begun;
    event.end();
    if (event.shouldCommit()) {
      event.trigger = facts.trigger;
      event.exitStatus = facts.exitStatus;
      event.strongWaited = facts.strongWaited;
      event.strongKilled = facts.strongKilled;
      event.atExitRun = facts.atExitRun;
      event.atExitFailed = facts.atExitFailed;
      event.weakKilled = facts.weakKilled;
      event.abandoned = facts.abandoned;
      event.abandonedNames = facts.abandonedNames;
      event.commit();
    }
  }

  /** The kernel's counters, read when the periodic KernelStats event is due. */
  public interface KernelCounters {
    long liveTasks();

    long strongTasks();

    long weakTasks();

    long tasksStarted();

    long tasksFailed();

    long tasksKilled();

    long messagesInFlight();

    /** Gives each scheduler's counts to {@code sink}; none by default. */
    default void eachScheduler(SchedulerCounts sink) {}
  }

  /** One scheduler's counts, as {@link KernelCounters#eachScheduler} gives them. */
  @FunctionalInterface
  public interface SchedulerCounts {
    void accept(String scheduler, long liveTasks, long tasksStarted);
  }

  /**
   * Registers the periodic {@code taskrt.KernelStats} event; false if JFR is absent. Registering
   * initialises JFR's metadata (about 400 ms of start-up on a 2-core machine), so while no recorder
   * exists the registration waits for one to be initialised.
   */
  public static boolean registerKernelStats(KernelCounters counters) {
    if (!JFR) {
      return false;
    }
    if (jdk.jfr.FlightRecorder.isInitialized()) {
      addKernelStats(counters);
    } else {
      jdk.jfr.FlightRecorder.addListener(
          new jdk.jfr.FlightRecorderListener() {
            @Override
            public void recorderInitialized(jdk.jfr.FlightRecorder recorder) {
              addKernelStats(counters);
            }
          });
    }
    return true;
  }

  private static void addKernelStats(KernelCounters counters) {
    jdk.jfr.FlightRecorder.addPeriodicEvent(KernelStatsEvent.class, () -> kernelStatsNow(counters));
    jdk.jfr.FlightRecorder.addPeriodicEvent(
        SchedulerStatsEvent.class, () -> schedulerStatsNow(counters));
  }

  /** Commits one SchedulerStats event per scheduler now (periodically, and at shutdown's end). */
  public static void schedulerStatsNow(KernelCounters counters) {
    if (!recorderReady()) {
      return;
    }
    counters.eachScheduler(Events::commitSchedulerStats);
  }

  private static void commitSchedulerStats(String scheduler, long live, long started) {
    SchedulerStatsEvent event = new SchedulerStatsEvent();
    if (event.shouldCommit()) {
      event.scheduler = scheduler;
      event.liveTasks = live;
      event.tasksStarted = started;
      event.commit();
    }
  }

  /** Commits a KernelStats event now (periodically, and at the end of shutdown). */
  public static void kernelStatsNow(KernelCounters counters) {
    if (!recorderReady()) {
      return;
    }
    KernelStatsEvent event = new KernelStatsEvent();
    if (event.shouldCommit()) {
      event.liveTasks = counters.liveTasks();
      event.strongTasks = counters.strongTasks();
      event.weakTasks = counters.weakTasks();
      event.tasksStarted = counters.tasksStarted();
      event.tasksFailed = counters.tasksFailed();
      event.tasksKilled = counters.tasksKilled();
      event.messagesInFlight = counters.messagesInFlight();
      event.commit();
    }
  }

  /** {@code class: message}, or the empty string for null. */
  public static String describe(Throwable failure) {
    if (failure == null) {
      return "";
    }
    String message = failure.getMessage();
    return message == null
        ? failure.getClass().getName()
        : failure.getClass().getName() + ": " + message;
  }

  private static String topFrames(Throwable failure, int count) {
    StackTraceElement[] trace = failure.getStackTrace();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(count, trace.length); i++) {
      if (i > 0) {
        text.append(" < ");
      }
      text.append(trace[i]);
    }
    return text.toString();
  }
}
