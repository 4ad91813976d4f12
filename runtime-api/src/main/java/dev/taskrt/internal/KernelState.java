package dev.taskrt.internal;

import dev.taskrt.TaskHandle;
import dev.taskrt.TaskListener;
import dev.taskrt.TaskState;
import dev.taskrt.internal.jfr.Events;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Not API. The one kernel of the JVM (of the class loader that loaded it: the bootstrap loader when
 * the agent is attached): task counts, the live-task registry, at_exit handlers, global data,
 * configuration, listeners and schedulers.
 *
 * <h2>Design notes</h2>
 *
 * <p>Counters are atomics, except those of inline synchronous tasks, which each thread keeps for
 * itself ({@link InlineTaskCounts}); the strong count's waiters (shutdown) use this object's
 * monitor, which is taken only when the count reaches zero or by a waiter. The registry holds every
 * task that can be reached by nothing else at shutdown: tasks on a scheduler's thread, root tasks
 * and unlinked synchronous tasks (a synchronous linked or supervised task is reached through its
 * parent). The at_exit list and the shutdown flag share one monitor, so a handler is either
 * registered before shutdown began (and runs) or refused. No event is committed while a monitor is
 * held.
 */
public final class KernelState implements Events.KernelCounters {
  private static volatile KernelState instance;

  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong strong = new AtomicLong();
  private final AtomicLong weak = new AtomicLong();

  /**
   * Synchronous tasks inside another task that run on a thread of their own ({@code stackSize}),
   * and the kernel's own work: counted live, but kept alive by their parent (or the shutdown).
   */
  private final LongAdder nested = new LongAdder();

  /**
   * Synchronous tasks inside another task, on their parent's thread: counted live (and started) per
   * thread, without an atomic instruction.
   */
  private final InlineTaskCounts inline = new InlineTaskCounts();

  private final LongAdder started = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder killed = new LongAdder();

  /** Messages in flight in every pipe: per-thread counts, as every send and receive adds to it. */
  private final InFlightCounter messages = new InFlightCounter();

  private final LiveTaskRegistry registry = new LiveTaskRegistry();
  private final ConcurrentHashMap<String, Object> globals = new ConcurrentHashMap<>();
  private final List<AtExitHandler> atExitHandlers = new ArrayList<>();
  private final Schedulers schedulers = new Schedulers();
  private volatile Map<String, String> agentOptions = Map.of();
  private volatile RuntimeSettings settings;
  private volatile List<String> args = List.of();
  private volatile TaskListener[] listeners;

  /** The tracing bridge ({@code otel=on}), also among the listeners; null when tracing is off. */
  volatile TaskTracing tracing;

  private volatile String shutdownTrigger;

  /** An at_exit handler and its name. */
  record AtExitHandler(String name, Runnable action) {}

  private KernelState() {
    List<String> problems = new ArrayList<>();
    settings = RuntimeSettings.inForce(problems);
    for (String problem : problems) {
      System.err.println(problem);
    }
    listeners = loadListeners();
    startTracingIfAsked();
  }

  /** The kernel, made on first use. */
  public static KernelState get() {
    KernelState k = instance;
    if (k == null) {
      synchronized (KernelState.class) {
        k = instance;
        if (k == null) {
          k = new KernelState();
          instance = k;
          k.startServices();
        }
      }
    }
    return k;
  }

  private void startServices() {
    try {
      Events.registerKernelStats(this);
    } catch (Throwable e) {
      System.err.println("taskrt: KernelStats events unavailable: " + e);
    }
    try {
      LiveTaskSnapshot.register(this);
    } catch (Throwable e) {
      System.err.println("taskrt: LiveTask snapshots unavailable: " + e);
    }
    ShutdownSequence.installFallbackHook();
    KeepAlive.start(this);
  }

  private static TaskListener[] loadListeners() {
    List<TaskListener> found = new ArrayList<>();
    try {
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      for (TaskListener listener : ServiceLoader.load(TaskListener.class, loader)) {
        found.add(listener);
      }
    } catch (Throwable e) {
      System.err.println("taskrt: could not load TaskListener providers: " + e);
    }
    return found.toArray(new TaskListener[0]);
  }

  // ---- configuration

  /** Installs the agent's options (highest precedence) and re-reads the settings. */
  public void installAgentOptions(Map<String, String> options) {
    agentOptions = Map.copyOf(options);
    List<String> problems = new ArrayList<>();
    settings = RuntimeSettings.inForce(problems);
    for (String problem : problems) {
      System.err.println(problem);
    }
    startTracingIfAsked();
  }

  /** The bridge's class: a plug-in of this package's {@link TaskTracing}, named, not imported. */
  private static final String OTEL_BRIDGE = "dev.taskrt.internal.otel.OtelTracing";

  /**
   * With {@code otel=on}, adds the OpenTelemetry bridge as a listener. Its classes load only here,
   * so with tracing off (the default) none of them is ever loaded. The bridge depends on this
   * package (it extends {@link TaskTracing}); the kernel finds it by name, so the dependency runs
   * one way only.
   */
  private synchronized void startTracingIfAsked() {
    if (settings.otel() && tracing == null) {
      TaskTracing bridge;
      try {
        bridge = (TaskTracing) Class.forName(OTEL_BRIDGE).getMethod("create").invoke(null);
      } catch (ReflectiveOperationException | LinkageError e) {
        System.err.println("taskrt: otel=on, but the tracing bridge did not load: " + e);
        return;
      }
      TaskListener[] grown = java.util.Arrays.copyOf(listeners, listeners.length + 1);
      grown[listeners.length] = bridge;
      listeners = grown;
      tracing = bridge;
    }
  }

  /** The runtime settings in force. */
  public RuntimeSettings settings() {
    return settings;
  }

  /**
   * A configuration value: agent options, -Dtaskrt.KEY, TASKRT_KEY; for a runtime setting, the
   * value in force (its default when unset or not valid).
   */
  public Optional<String> config(String key) {
    return RuntimeSettings.effective(agentOptions, settings, key);
  }

  /** Records the main method's arguments. */
  public void setArgs(String[] mainArgs) {
    args = mainArgs == null ? List.of() : List.of(mainArgs.clone());
  }

  /** The main method's arguments (empty until the agent saw main). */
  public List<String> args() {
    return args;
  }

  /** The scheduler registry. */
  public Schedulers schedulers() {
    return schedulers;
  }

  /** One value per key in the JVM. */
  @SuppressWarnings("unchecked")
  public <T> T global(String key, Supplier<T> supplier) {
    return (T) globals.computeIfAbsent(key, k -> supplier.get());
  }

  // ---- task counting

  long nextId() {
    return ids.incrementAndGet();
  }

  void taskStarted(TaskContext task, boolean registered) {
    if (task.synchronous && task.parent != null && task.thread != null && !task.kernelWork) {
      // Inline: made on the thread that runs it, as its parent runs there (see InlineTaskCounts).
      TaskContext parent = task.parent;
      InlineTaskCounts.Cell cell = parent.inlineCounts;
      if (cell == null) {
        cell = inline.cell();
        parent.inlineCounts = cell;
      }
      task.inlineCounts = cell;
      task.countedInline = true;
      cell.taskStarted();
      if (registered) {
        registry.add(task); // an unlinked one: its parent's kills and shutdown do not reach it
      }
      return;
    }
    if (isNested(task)) {
      nested.increment();
    } else if (task.weak) {
      weak.incrementAndGet();
    } else {
      strong.incrementAndGet();
    }
    started.increment();
    if (task.load != null) {
      task.load.taskStarted();
    }
    if (registered) {
      registry.add(task);
    }
  }

  void taskEnded(TaskContext task, TaskState outcome, boolean registered) {
    if (task.countedInline) {
      if (registered) {
        registry.remove(task);
      }
      if (outcome != TaskState.DONE) {
        (outcome == TaskState.FAILED ? failed : killed).increment();
      }
      task.inlineCounts.taskEnded();
      return;
    }
    if (registered) {
      registry.remove(task);
    }
    if (task.load != null) {
      task.load.taskEnded();
    }
    if (outcome == TaskState.FAILED) {
      failed.increment();
    } else if (outcome == TaskState.KILLED) {
      killed.increment();
    }
    if (isNested(task)) {
      nested.decrement();
    } else if (task.weak) {
      weak.decrementAndGet();
    } else if (strong.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * A synchronous task with a parent lives inside its parent's lifetime; the kernel's own work
   * lives inside the shutdown. Both are counted live, neither strong nor weak.
   */
  private static boolean isNested(TaskContext task) {
    return (task.synchronous && task.parent != null) || task.kernelWork;
  }

  /** Waits until no strong task is left, or the deadline passes; true if none is left. */
  boolean awaitStrongTasks(long deadlineNanos, int allowed) {
    synchronized (this) {
      while (strong.get() > allowed) {
        long wait = deadlineNanos == Long.MAX_VALUE ? 0 : deadlineNanos - System.nanoTime();
        if (deadlineNanos != Long.MAX_VALUE && wait <= 0) {
          return false;
        }
        try {
          if (deadlineNanos == Long.MAX_VALUE) {
            wait(100);
          } else {
            wait(Math.max(1, Math.min(100, wait / 1_000_000)));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Live tasks that the shutdown sequence can reach. */
  List<TaskContext> registeredTasks() {
    return registry.snapshot();
  }

  // ---- listeners

  /** Whether any {@code TaskListener} is installed. */
  boolean hasListeners() {
    return listeners.length > 0;
  }

  void notifyStart(TaskHandle<?> task) {
    for (TaskListener listener : listeners) {
      try {
        listener.onStart(task);
      } catch (Throwable e) {
        reportListener(listener, e);
      }
    }
  }

  void notifyEnd(TaskHandle<?> task, TaskState outcome, Throwable failure) {
    for (TaskListener listener : listeners) {
      try {
        listener.onEnd(task, outcome, failure);
      } catch (Throwable e) {
        reportListener(listener, e);
      }
    }
  }

  private final Set<String> reportedListeners = ConcurrentHashMap.newKeySet();

  private void reportListener(TaskListener listener, Throwable e) {
    if (reportedListeners.add(listener.getClass().getName())) {
      System.err.println(
          "taskrt: TaskListener " + listener.getClass().getName() + " threw (reported once): " + e);
    }
  }

  // ---- at_exit

  /** Registers a handler; refused once shutdown has begun. */
  public void atExit(String name, Runnable action) {
    if (name == null || action == null) {
      throw new IllegalArgumentException("atExit needs a name and an action");
    }
    synchronized (atExitHandlers) {
      if (shutdownTrigger != null) {
        throw new IllegalStateException(
            "at_exit handler '"
                + name
                + "' registered after shutdown began ("
                + shutdownTrigger
                + "); register handlers while the application runs");
      }
      atExitHandlers.add(new AtExitHandler(name, action));
    }
  }

  /** Starts shutdown once; returns the handlers to run, last registered first, or null if begun. */
  List<AtExitHandler> beginShutdown(String trigger) {
    synchronized (atExitHandlers) {
      if (shutdownTrigger != null) {
        return null;
      }
      shutdownTrigger = trigger;
      List<AtExitHandler> handlers = new ArrayList<>(atExitHandlers);
      Collections.reverse(handlers);
      atExitHandlers.clear();
      return handlers;
    }
  }

  /** Whether shutdown has begun, and why. */
  public String shutdownTrigger() {
    return shutdownTrigger;
  }

  // ---- pipes

  /** A message entered a pipe. */
  public void messageSent() {
    messages.sent();
  }

  /**
   * The calling thread's cell of the messages-in-flight count, for a pipe that counts many messages
   * on one thread (see {@link InFlightCell}).
   */
  public InFlightCell messageCell() {
    return messages.cell();
  }

  /** Messages left pipes (received or discarded). */
  public void messagesTaken(long count) {
    messages.taken(count);
  }

  // ---- counters

  @Override
  public long liveTasks() {
    return strong.get() + weak.get() + nested.sum() + inline.live();
  }

  @Override
  public long strongTasks() {
    return strong.get();
  }

  @Override
  public long weakTasks() {
    return weak.get();
  }

  @Override
  public long tasksStarted() {
    return started.sum() + inline.started();
  }

  @Override
  public long tasksFailed() {
    return failed.sum();
  }

  @Override
  public long tasksKilled() {
    return killed.sum();
  }

  @Override
  public long messagesInFlight() {
    return messages.inFlight();
  }

  @Override
  public void eachScheduler(Events.SchedulerCounts sink) {
    for (SchedulerLoad load : schedulers.loads()) {
      sink.accept(load.name, load.live(), load.started());
    }
  }
}
