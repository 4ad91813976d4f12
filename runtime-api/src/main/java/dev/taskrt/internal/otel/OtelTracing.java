package dev.taskrt.internal.otel;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLocalSlots;
import dev.taskrt.internal.TaskTracing;
import dev.taskrt.internal.handoff.ContextCarriers;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not API. {@code otel=on}: each task is also an OpenTelemetry span (DESIGN §9).
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Which API.</b> The runtime is on the bootstrap class path and compiled against the JDK
 * alone, so it cannot link to OpenTelemetry. At the first task start (after every agent's premain:
 * never at the runtime's own start-up) {@link OtelApi#find} looks up the application's {@code
 * io.opentelemetry.api} through the system class loader, else the copy the OpenTelemetry Java agent
 * puts on the bootstrap class path, and resolves every call as a method handle, once. Spans made
 * through the application's API reach whatever it registered as the global {@code OpenTelemetry}:
 * its SDK, or the Java agent, which bridges the application's API to its own SDK. With neither
 * there, one message says so and nothing else happens. The global is asked for a tracer only once
 * it is set (see {@link OtelApi#mayBeUnset}); tasks started before that (a root task started before
 * the application registered its SDK in {@code main}) get no span.
 *
 * <p><b>Parents.</b> A task's span descends from the OpenTelemetry context current where the task
 * was made: {@link #taskMade} takes it on the spawner's thread and keeps it in the task's own
 * task-local slot of the bridge ({@link #slot}, not inherited) until the task starts. Inside a task
 * that context is the task's own span (or an application span under it), so the span tree follows
 * the task tree; a root task descends from whatever span was current (an incoming request's). If
 * that context holds no span while the parent task has one (work handed off where no context was
 * carried), the parent task's span is the parent. Work handed from a task to an executor or a new
 * thread carries the context as one of the runtime's context carriers ({@link OtelContextCarrier}),
 * beside the inheritable task-locals, so the hand-off's child task, and any span the work makes,
 * descends from the span current at the hand-off.
 *
 * <p><b>Threads.</b> {@link #onStart} and {@link #onEnd} run on the task's own thread: the span is
 * made current (a scope opened) at the start and the scope closed at the end, on the same thread,
 * so the thread's previous context is back afterwards (nothing is left on a pooled thread). The
 * slot is written by the spawner before the task is handed to its thread and by the owner
 * afterwards; a child reads its parent's only after the parent made it. The tracer is published
 * through a volatile field; finding the API is synchronized and happens once.
 *
 * <p><b>Failures.</b> The bridge never changes a task's outcome or an exception: anything the API
 * throws is reported once and tracing stops; a span already started is still ended and its scope
 * closed.
 *
 * <p><b>Cost.</b> With {@code otel} off this class is never loaded. On, a task costs one context
 * read at spawn, a span built, started and made current at its start, ended at its end: about
 * fifteen method-handle calls, each to a handle resolved once.
 */
public final class OtelTracing extends TaskTracing {
  /** The instrumentation scope of the spans. */
  static final String SCOPE_NAME = "dev.taskrt";

  /** The span attribute of the task's id (long). */
  public static final String TASK_ID = "taskrt.task.id";

  /** The span attribute of the task's spawn mode: {@code LINKED}, {@code SUPERVISED}, ... */
  public static final String TASK_MODE = "taskrt.task.mode";

  /** The span attribute of the task's scheduler's name ({@code caller} for a synchronous task). */
  public static final String TASK_SCHEDULER = "taskrt.task.scheduler";

  /** The span attribute saying whether the task is weak (boolean). */
  public static final String TASK_WEAK = "taskrt.task.weak";

  /** The span attribute of the parent task's id (long; absent for a root task). */
  public static final String TASK_PARENT_ID = "taskrt.task.parent_id";

  /** The span attribute of the task's outcome, set at its end: DONE, FAILED or KILLED. */
  public static final String TASK_OUTCOME = "taskrt.task.outcome";

  /** The span event of a killed task. */
  public static final String KILLED_EVENT = "taskrt.task.killed";

  /**
   * The killed event's attribute: {@code linked_failure}, {@code cancelled} ({@code kill()}),
   * {@code shutdown} (the kernel's exit sequence) or {@code runtime} (any other kill of the
   * runtime's).
   */
  public static final String KILL_REASON = "taskrt.task.kill.reason";

  /** The killed event's attribute: the id of the task whose failure killed this one (long). */
  public static final String KILL_SOURCE_ID = "taskrt.task.kill.source_id";

  /** The killed event's attribute: the name of the task whose failure killed this one. */
  public static final String KILL_SOURCE_NAME = "taskrt.task.kill.source_name";

  /**
   * The task-local slot (not inherited) holding a task's tracing state: the context at spawn until
   * it starts, then its {@link TaskSpan}.
   */
  private final int slot = TaskLocalSlots.allocate(false);

  private final Object lock = new Object();
  private final AtomicBoolean reported = new AtomicBoolean();

  /** Set once the API is found and the global OpenTelemetry is set. */
  private volatile Ready ready;

  /** Set when there is no API or it failed: no new spans. */
  private volatile boolean stopped;

  private boolean searched;

  /** The API once found; until the global OpenTelemetry is set, each task start asks it again. */
  private volatile OtelApi api;

  private OtelTracing() {}

  /** The bridge; it looks for the OpenTelemetry API only when the first task starts. */
  public static TaskTracing create() {
    return new OtelTracing();
  }

  /** The API, its tracer and the attribute keys of the kill event, once all are there. */
  private record Ready(
      OtelApi api, Object tracer, Object reasonKey, Object sourceIdKey, Object sourceNameKey) {}

  /** What a started task's span needs at its end. */
  private record TaskSpan(Object span, Object context, Object scope) {}

  /** Null while there is no tracer (yet); never throws. */
  private Ready ready() {
    if (stopped) {
      return null;
    }
    Ready r = ready;
    if (r != null) {
      return r;
    }
    OtelApi found = api;
    try {
      if (found != null && !found.isGlobalSet()) {
        return null; // the application has not registered its OpenTelemetry yet
      }
    } catch (Throwable e) {
      stop(e);
      return null;
    }
    synchronized (lock) {
      if (stopped) {
        return null;
      }
      if (ready != null) {
        return ready;
      }
      try {
        if (!searched) {
          searched = true;
          api = OtelApi.find();
          if (api == null) {
            stopped = true;
            System.err.println(
                "taskrt: otel=on, but there is no OpenTelemetry API: neither io.opentelemetry.api"
                    + " on the application's class path nor the OpenTelemetry Java agent; tasks"
                    + " are not traced");
            return null;
          }
        }
        if (!api.isGlobalSet()) {
          return null; // the application has not registered its OpenTelemetry yet
        }
        Object tracer = api.tracer(SCOPE_NAME, version());
        r =
            new Ready(
                api,
                tracer,
                api.stringKey(KILL_REASON),
                api.longKey(KILL_SOURCE_ID),
                api.stringKey(KILL_SOURCE_NAME));
        ContextCarriers.add(new OtelContextCarrier(api));
        ready = r;
        return r;
      } catch (Throwable e) {
        stop(e);
        return null;
      }
    }
  }

  private static String version() {
    Package p = OtelTracing.class.getPackage();
    return p == null ? null : p.getImplementationVersion();
  }

  private void stop(Throwable e) {
    stopped = true;
    if (reported.compareAndSet(false, true)) {
      String where = api == null ? "the OpenTelemetry API" : api.source;
      System.err.println(
          "taskrt: otel=on, but " + where + " failed (" + e + "); tasks are no longer traced");
    }
  }

  @Override
  public void taskMade(TaskContext task) {
    Ready r = ready();
    if (r == null) {
      return;
    }
    try {
      TaskLocalSlots.write(task, slot, r.api.currentContext());
    } catch (Throwable e) {
      stop(e);
    }
  }

  @Override
  public void onStart(TaskHandle<?> handle) {
    TaskContext task = (TaskContext) handle;
    Object atSpawn = TaskLocalSlots.read(task, slot);
    TaskLocalSlots.write(task, slot, null);
    Ready r = ready();
    if (r == null) {
      return;
    }
    OtelApi api = r.api;
    try {
      Object parent = atSpawn != null ? atSpawn : api.currentContext();
      TaskContext parentTask = parentOf(task);
      if (parentTask != null
          && TaskLocalSlots.read(parentTask, slot) instanceof TaskSpan parentSpan
          && api.spanIn(parent) == null) {
        parent = parentSpan.context;
      }
      Object builder = api.setParent(api.spanBuilder(r.tracer, task.name), parent);
      builder = api.attribute(builder, TASK_ID, task.id);
      builder = api.attribute(builder, TASK_MODE, task.mode().name());
      builder = api.attribute(builder, TASK_SCHEDULER, task.schedulerName());
      builder = api.attribute(builder, TASK_WEAK, task.isWeak());
      if (parentTask != null) {
        builder = api.attribute(builder, TASK_PARENT_ID, parentTask.id);
      }
      Object span = api.startSpan(builder);
      Object context = api.contextWith(span, parent);
      TaskLocalSlots.write(task, slot, new TaskSpan(span, context, api.makeCurrent(context)));
    } catch (Throwable e) {
      stop(e);
    }
  }

  @Override
  public void onEnd(TaskHandle<?> handle, TaskState outcome, Throwable failure) {
    TaskContext task = (TaskContext) handle;
    if (!(TaskLocalSlots.read(task, slot) instanceof TaskSpan taskSpan)) {
      return;
    }
    Ready r = ready;
    OtelApi api = r.api;
    Object span = taskSpan.span;
    try {
      try {
        if (outcome == TaskState.FAILED && failure != null) {
          api.setError(span, failure.toString());
          api.recordException(span, failure);
        } else if (outcome == TaskState.KILLED) {
          addKilledEvent(r, task, span);
        }
        api.setAttribute(span, TASK_OUTCOME, outcome.name());
      } finally {
        try {
          api.close(taskSpan.scope);
        } finally {
          api.end(span);
        }
      }
    } catch (Throwable e) {
      stop(e);
    }
  }

  private static void addKilledEvent(Ready r, TaskContext task, Object span) throws Throwable {
    TaskContext source = killSource(task);
    if (source != null) {
      r.api.addEvent(
          span,
          KILLED_EVENT,
          r.reasonKey,
          "linked_failure",
          r.sourceIdKey,
          source.id,
          r.sourceNameKey,
          source.name);
    } else {
      String reason = !wasCancelled(task) ? "runtime" : shuttingDown() ? "shutdown" : "cancelled";
      r.api.addEvent(span, KILLED_EVENT, r.reasonKey, reason);
    }
  }
}
