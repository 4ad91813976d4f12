package dev.taskrt.internal.entry;

import dev.taskrt.internal.ContextCarrier;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.Handoff;
import dev.taskrt.internal.TaskThread;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not API. The entry points that the agent's rewrite of JDK classes ({@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, {@code Thread}, {@code VirtualThread})
 * and of named application classes calls, for {@code propagate} (DESIGN §1, "Legacy runtime").
 *
 * <p>Design notes: every method here runs inside a JDK method on any thread, so none may throw and
 * none may take a lock. Outside a task each returns at once, after one read of the current task.
 * taskrt's own work (the schedulers' runnables, its {@link TaskThread}s, a pool's worker threads)
 * is never wrapped, or every spawn would gain an extra child. A platform thread started from a task
 * is entered in {@link #STARTING} by the starting thread and taken out by the started thread at the
 * top of {@code Thread.run()}, which then runs the original {@code run()} as a child task; a thread
 * that overrides {@code run()} is not covered (its {@code run()} never reaches {@code Thread.run}).
 */
public final class HandoffHooks {
  private static final ConcurrentHashMap<Thread, Runnable> STARTING = new ConcurrentHashMap<>();

  /** Classes whose instances are taskrt's own work, never wrapped. */
  private static final ClassValue<Boolean> OWN_WORK =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          String name = type.getName();
          return name.startsWith("dev.taskrt.internal.")
              || name.equals("java.util.concurrent.ThreadPoolExecutor$Worker");
        }
      };

  /** Thread classes whose {@code run()} is {@code Thread.run()}: only these are covered. */
  private static final ClassValue<Boolean> PLAIN_RUN =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("run").getDeclaringClass() == Thread.class;
          } catch (NoSuchMethodException | RuntimeException e) {
            return false;
          }
        }
      };

  private static volatile Map<String, List<String>> threadLocalFields = Map.of();

  private HandoffHooks() {}

  /** The named static thread-local fields, by binary class name ({@code threadLocals=}). */
  public static void configureThreadLocals(Map<String, List<String>> fieldsByClass) {
    threadLocalFields = Map.copyOf(fieldsByClass);
  }

  /** Work handed to an executor: wrapped when handed from a task, unless it is taskrt's own. */
  public static Runnable handOff(Runnable work) {
    try {
      if (work == null || work instanceof Handoff.HandedOff || CurrentTask.get() == null) {
        return work;
      }
      return OWN_WORK.get(work.getClass()) ? work : Handoff.wrap(work);
    } catch (Throwable e) {
      return work;
    }
  }

  /** A callable handed to an executor; see {@link #handOff(Runnable)}. */
  public static <T> Callable<T> handOff(Callable<T> work) {
    try {
      if (work == null || work instanceof Handoff.HandedOff || CurrentTask.get() == null) {
        return work;
      }
      return OWN_WORK.get(work.getClass()) ? work : Handoff.wrap(work);
    } catch (Throwable e) {
      return work;
    }
  }

  /**
   * Called at the top of {@code Thread.start} with the thread's target: when started from a task,
   * the thread's run becomes a child task of it.
   */
  public static void threadStarting(Thread thread, Runnable target) {
    try {
      if (CurrentTask.get() == null
          || thread instanceof TaskThread
          || thread.getState() != Thread.State.NEW
          || (target != null && OWN_WORK.get(target.getClass()))
          || !PLAIN_RUN.get(thread.getClass())) {
        return;
      }
      Runnable run = Handoff.wrap(new ThreadRun(thread));
      if (run instanceof Handoff.HandedOff) {
        STARTING.putIfAbsent(thread, run);
      }
    } catch (Throwable e) {
      // the thread starts as it would without taskrt
    }
  }

  /**
   * Called at the top of {@code Thread.run()}: true when this call ran the thread's work as a child
   * task (the caller then returns at once).
   */
  public static boolean threadRunning(Thread thread) {
    if (STARTING.isEmpty() || thread != Thread.currentThread()) {
      return false;
    }
    Runnable run = STARTING.remove(thread);
    if (run == null) {
      return false;
    }
    run.run();
    return true;
  }

  /** How many started threads have not yet begun their run (for tests and diagnostics). */
  public static int threadsStarting() {
    return STARTING.size();
  }

  /** Runs {@code Thread.run()} itself; the second entry finds nothing in {@link #STARTING}. */
  private static final class ThreadRun implements Runnable {
    private final Thread thread;

    ThreadRun(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void run() {
      thread.run();
    }
  }

  /**
   * Called at the end of the static initialiser of a class named by {@code threadLocals=}, and of
   * SLF4J's {@code org.slf4j.MDC}: registers their context carriers. Never throws.
   */
  public static void classInitialised(Class<?> type) {
    try {
      if (type.getName().equals("org.slf4j.MDC")) {
        Handoff.addCarrier(MdcCarrier.of(type));
      }
      List<String> fields = threadLocalFields.get(type.getName());
      if (fields != null) {
        for (String name : fields) {
          registerThreadLocal(type, name);
        }
      }
    } catch (Throwable e) {
      System.err.println("taskrt: cannot carry the context of " + type.getName() + ": " + e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void registerThreadLocal(Class<?> type, String name) throws Exception {
    Field field = type.getDeclaredField(name);
    if (!Modifier.isStatic(field.getModifiers())
        || !ThreadLocal.class.isAssignableFrom(field.getType())) {
      System.err.println(
          "taskrt: threadLocals names "
              + type.getName()
              + "["
              + name
              + "], which is not a static ThreadLocal field; it does not follow tasks");
      return;
    }
    field.setAccessible(true);
    ThreadLocal<Object> local = (ThreadLocal<Object>) field.get(null);
    if (local != null) {
      Handoff.addCarrier(ContextCarrier.of(local, type.getName() + "[" + name + "]"));
    }
  }

  /** SLF4J's MDC, reached through method handles on the application's copy of the class. */
  static final class MdcCarrier implements ContextCarrier {
    private final MethodHandle copy;
    private final MethodHandle set;
    private final MethodHandle clear;

    private MdcCarrier(MethodHandle copy, MethodHandle set, MethodHandle clear) {
      this.copy = copy;
      this.set = set;
      this.clear = clear;
    }

    @Override
    public String toString() {
      return "SLF4J's MDC";
    }

    static MdcCarrier of(Class<?> mdc) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      return new MdcCarrier(
          lookup.findStatic(mdc, "getCopyOfContextMap", MethodType.methodType(Map.class)),
          lookup.findStatic(mdc, "setContextMap", MethodType.methodType(void.class, Map.class)),
          lookup.findStatic(mdc, "clear", MethodType.methodType(void.class)));
    }

    @Override
    public Object capture() {
      try {
        return (Map<?, ?>) copy.invoke();
      } catch (Throwable e) {
        return null;
      }
    }

    @Override
    public Object install(Object captured) {
      Object previous = capture();
      put(captured);
      return previous;
    }

    @Override
    public void restore(Object previous) {
      put(previous);
    }

    private void put(Object map) {
      try {
        if (map == null) {
          clear.invoke();
        } else {
          set.invoke((Map<?, ?>) map);
        }
      } catch (Throwable e) {
        // a broken MDC adapter leaves the MDC as it is
      }
    }
  }
}
