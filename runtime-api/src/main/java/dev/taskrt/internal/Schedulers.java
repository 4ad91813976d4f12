package dev.taskrt.internal;

import dev.taskrt.Scheduler;
import dev.taskrt.SchedulerRegistry;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not API. The kernel's scheduler registry and the built-in schedulers.
 *
 * <ul>
 *   <li>{@code default}: a pool of daemon {@link TaskThread}s that grows as tasks block (a task
 *       waiting in join or on a pipe holds its thread, so a bounded pool could deadlock) and lets
 *       idle threads go after {@link #IDLE_KEEP_ALIVE_SECONDS}.
 *   <li>{@code platform}: a new {@link TaskThread} per task; the only one that honours a stack
 *       size.
 *   <li>{@code virtual}: a virtual thread per task, found at run time (JDK 21 and later).
 *   <li>{@code single:<name>}: one dedicated thread per name, made on first use, ended by {@link
 *       #closeAll} at the end of the kernel's shutdown.
 * </ul>
 *
 * <p>Each name has a {@link SchedulerLoad} (made on first use, kept for the JVM's life) counting
 * the tasks spawned onto it; tasks that ask for a stack size count under {@code platform}.
 */
public final class Schedulers implements SchedulerRegistry {
  /** Seconds an idle thread of the default pool waits for work before it ends. */
  static final long IDLE_KEEP_ALIVE_SECONDS = 30;

  private static final ThreadGroup GROUP = new ThreadGroup("taskrt");

  private final ConcurrentHashMap<String, Scheduler> byName = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SchedulerLoad> loads = new ConcurrentHashMap<>();

  /** Names from the options or annotations that nothing registered: each is reported once. */
  private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

  Schedulers() {
    byName.put("default", new PooledScheduler(defaultPool()));
    byName.put("platform", new NewThreads("taskrt-platform-"));
  }

  @Override
  public void register(String name, Scheduler scheduler) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a scheduler needs a non-empty name");
    }
    if (scheduler == null) {
      throw new IllegalArgumentException("scheduler '" + name + "' is null");
    }
    if (isBuiltIn(name) || byName.putIfAbsent(name, scheduler) != null) {
      throw new IllegalArgumentException(
          "a scheduler named '" + name + "' is already registered; pick another name");
    }
  }

  @Override
  public Scheduler get(String name) {
    Scheduler found = byName.get(name);
    if (found != null) {
      return found;
    }
    if (name.equals("virtual")) {
      return byName.computeIfAbsent(name, n -> VirtualThreads.scheduler());
    }
    if (name.startsWith("single:") && name.length() > "single:".length()) {
      return byName.computeIfAbsent(name, Schedulers::singleThread);
    }
    throw new IllegalArgumentException(
        "no scheduler named '"
            + name
            + "'; registered: "
            + names()
            + ", plus virtual (JDK 21+) and single:<name>; register one with"
            + " Kernel.schedulers().register(name, scheduler)");
  }

  /**
   * The scheduler that a name from the agent's options ({@code defaultScheduler}) or from an
   * annotation or pattern stands for, checked when first met (DESIGN §2). A name nothing registered
   * (or {@code virtual} on a JDK without virtual threads) gets one message per name, naming it, who
   * asked for it and the registered schedulers, and the task runs on {@code default}: the agent's
   * configuration fails open. Under {@code strict=true} the message stops the JVM instead. A name
   * registered later is used from then on.
   *
   * @param askedBy what named the scheduler, for the message
   * @return the scheduler to run on, and under which name
   */
  Resolved configured(String name, String askedBy) {
    Scheduler found = byName.get(name);
    if (found != null) {
      return new Resolved(name, found);
    }
    try {
      return new Resolved(name, get(name));
    } catch (IllegalArgumentException | IllegalStateException unknown) {
      boolean strict = KernelState.get().config("strict").orElse("").equalsIgnoreCase("true");
      if (reportedUnknown.add(name) || strict) {
        String why =
            unknown instanceof IllegalArgumentException
                ? "no scheduler named '"
                    + name
                    + "' ("
                    + askedBy
                    + "); registered: "
                    + names()
                    + ", plus virtual (JDK 21+) and single:<name>"
                : unknown.getMessage() + " (" + askedBy + ")";
        System.err.println(
            "taskrt: "
                + why
                + (strict
                    ? " (strict=true: stopping the JVM)"
                    : "; its tasks run on 'default' (reported once)"));
        if (strict) {
          System.err.flush();
          Runtime.getRuntime().halt(STRICT_STATUS);
        }
      }
      return new Resolved("default", byName.get("default"));
    }
  }

  /** The exit status of a JVM stopped under {@code strict=true} (as the agent's warnings). */
  static final int STRICT_STATUS = 3;

  /** A scheduler and the name it is known by (what the task records). */
  record Resolved(String name, Scheduler scheduler) {}

  @Override
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  @Override
  public long liveTasks(String name) {
    SchedulerLoad load = loads.get(name);
    return load == null ? 0 : load.live();
  }

  @Override
  public long tasksStarted(String name) {
    SchedulerLoad load = loads.get(name);
    return load == null ? 0 : load.started();
  }

  /** The counts of the named scheduler, made on first use. */
  SchedulerLoad load(String name) {
    SchedulerLoad load = loads.get(name);
    return load != null ? load : loads.computeIfAbsent(name, SchedulerLoad::new);
  }

  /** Every scheduler's counts, by name. */
  java.util.Collection<SchedulerLoad> loads() {
    return loads.values();
  }

  /**
   * Closes every scheduler once, at the end of the kernel's shutdown: the {@code single:} threads
   * end, and registered schedulers get their {@link Scheduler#close()}. The {@code default} pool
   * stays open (its daemon threads end on their own when idle), so an application's own shutdown
   * hooks can still spawn.
   */
  void closeAll() {
    for (var entry : byName.entrySet()) {
      if (entry.getKey().equals("default")) {
        continue;
      }
      try {
        entry.getValue().close();
      } catch (Throwable e) {
        System.err.println(
            "taskrt: scheduler '" + entry.getKey() + "' failed to close (ignored): " + e);
      }
    }
  }

  private static boolean isBuiltIn(String name) {
    return name.equals("default")
        || name.equals("platform")
        || name.equals("virtual")
        || name.startsWith("single:");
  }

  /** A new daemon task thread with the given stack size (0 = the JVM's default). */
  static TaskThread newThread(Runnable body, String prefix, long stackSize) {
    return new TaskThread(GROUP, body, prefix + THREAD_NUMBER.incrementAndGet(), stackSize);
  }

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private static ThreadPoolExecutor defaultPool() {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        IDLE_KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        new NewThreads("taskrt-default-"));
  }

  /**
   * Task threads named with a prefix: the thread factory of the default pool, and the {@code
   * platform} scheduler (a new thread per task). A class, not lambdas: the kernel starts with the
   * application, where a lambda's first use costs a few milliseconds of bootstrap.
   */
  private static final class NewThreads implements ThreadFactory, Scheduler {
    private final String prefix;

    NewThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable body) {
      return Schedulers.newThread(body, prefix, 0);
    }

    @Override
    public void execute(Runnable body) {
      Schedulers.newThread(body, prefix, 0).start();
    }
  }

  private static Scheduler singleThread(String name) {
    String threadName = "taskrt-" + name.replace(':', '-');
    ThreadFactory factory = body -> new TaskThread(GROUP, body, threadName, 0);
    ThreadPoolExecutor one =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    return new PooledScheduler(one);
  }

  /** A scheduler over an executor service of taskrt's own. */
  static final class PooledScheduler implements Scheduler {
    final ExecutorService pool;

    PooledScheduler(ExecutorService pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable body) {
      pool.execute(body);
    }

    @Override
    public void close() {
      pool.shutdown(); // idle threads end now; a thread still running an abandoned task after it
    }
  }

  /** Virtual threads through reflection, so the runtime compiles and runs on JDK 17. */
  static final class VirtualThreads {
    private VirtualThreads() {}

    static Scheduler scheduler() {
      ThreadFactory factory;
      try {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Object builder = ofVirtual.invoke(null);
        Method name =
            Class.forName("java.lang.Thread$Builder").getMethod("name", String.class, long.class);
        builder = name.invoke(builder, "taskrt-virtual-", 1L);
        Method factoryMethod = Class.forName("java.lang.Thread$Builder").getMethod("factory");
        factory = (ThreadFactory) factoryMethod.invoke(builder);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException(
            "scheduler 'virtual' needs virtual threads, which this JVM ("
                + System.getProperty("java.version")
                + ") does not have; run on JDK 21 or later, or use 'default' or 'platform'");
      }
      ThreadFactory virtual = factory;
      return body -> virtual.newThread(body).start();
    }
  }
}
