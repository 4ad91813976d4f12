package dev.taskrt.internal;

import dev.taskrt.internal.jfr.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not API. The kernel's orderly shutdown (DESIGN §4), run once per JVM.
 *
 * <ul>
 *   <li>Root task returned: wait for every strong task, without a bound, naming those still awaited
 *       on stderr every {@code shutdownTimeout}; run the at_exit handlers (last registered first,
 *       each once, failures isolated, each bounded by {@code shutdownTimeout}); kill the weak tasks
 *       and give them {@code shutdownTimeout} to unwind.
 *   <li>{@code System.exit(n)} or a signal: kill the strong tasks and give them {@code
 *       shutdownTimeout}; run the at_exit handlers; kill the weak tasks with the time left. The
 *       exit status stays {@code n}.
 * </ul>
 *
 * <p>The JVM runs its shutdown hooks concurrently, and an event committed late by one of them can
 * miss the recording the JVM dumps on exit. So the agent calls {@link #jvmExiting} from advice that
 * runs before the application's shutdown hooks start; the kernel's own hook installed here is only
 * a fallback for runs without the agent.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Once.</b> Whichever trigger comes first (the root returning, {@code jvmExiting} from the
 * agent's advice, the fallback hook) wins {@link KernelState#beginShutdown}, which takes the
 * at_exit handlers under the list's monitor; every later trigger returns at once. The exit status
 * the agent saw in {@code Runtime.exit} is a volatile written before the JVM's shutdown begins.
 *
 * <p><b>What blocks, and for how long.</b> Waiting for strong tasks uses the kernel's monitor (see
 * {@link KernelState#awaitStrongTasks}); after a root return it waits without bound, as a JVM waits
 * for its non-daemon threads. Every other wait is bounded by {@code shutdownTimeout}: each at_exit
 * handler runs as a root task on a daemon thread of its own and is killed and abandoned when it
 * overruns, and weak tasks are joined with the time left. Tasks on the exiting thread's own stack
 * are never waited for. No monitor is held while a task is killed or an event committed.
 */
public final class ShutdownSequence {
  /** Exit triggers, as the Shutdown event names them. */
  public static final String ROOT_RETURNED = "ROOT_RETURNED";

  public static final String ROOT_FAILED = "ROOT_FAILED";
  public static final String SYSTEM_EXIT = "SYSTEM_EXIT";
  public static final String SIGNAL = "SIGNAL";

  /**
   * No root task: the last non-daemon thread and the last strong task ended, so the JVM ends by its
   * own rules (see {@link KeepAlive}); status 0 (the launcher's own status, 1 if main threw, is
   * decided after the kernel's shutdown and not known to it).
   */
  public static final String LAST_THREAD_ENDED = "LAST_THREAD_ENDED";

  private static volatile int requestedExitStatus = Integer.MIN_VALUE;

  private ShutdownSequence() {}

  static void installFallbackHook() {
    try {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread("taskrt-shutdown-fallback") {
                @Override
                public void run() {
                  jvmExiting();
                }
              });
    } catch (IllegalStateException alreadyShuttingDown) {
      // nothing to add: the JVM is exiting
    }
  }

  /** The agent saw {@code Runtime.exit(status)} before the JVM's shutdown began. */
  public static void exitRequested(int status) {
    if (requestedExitStatus == Integer.MIN_VALUE) {
      requestedExitStatus = status;
    }
  }

  /** The root task ended (main returned or failed): run the root-returned sequence. */
  public static void rootReturned(boolean failed) {
    endedByItself(failed ? ROOT_FAILED : ROOT_RETURNED, failed ? 1 : 0);
  }

  /** No root task, and the JVM is about to end by itself: the same sequence as a root's return. */
  static void lastThreadEnded() {
    endedByItself(LAST_THREAD_ENDED, 0);
  }

  private static void endedByItself(String trigger, int exitStatus) {
    KernelState kernel = KernelState.get();
    List<KernelState.AtExitHandler> handlers = kernel.beginShutdown(trigger);
    if (handlers == null) {
      return;
    }
    Object event = Events.shutdownBegin();
    Events.ShutdownFacts facts = new Events.ShutdownFacts();
    facts.trigger = trigger;
    facts.exitStatus = exitStatus;
    facts.strongWaited = (int) kernel.strongTasks();
    awaitStrongTasksNamingThem(kernel, ROOT_FAILED.equals(trigger));
    runAtExit(kernel, handlers, facts);
    killWeak(kernel, kernel.settings().shutdownTimeout().toNanos(), facts);
    kernel.schedulers().closeAll();
    Events.shutdownEnd(event, facts);
    Events.kernelStatsNow(kernel);
    Events.schedulerStatsNow(kernel);
  }

  /** Most strong tasks named in one line of {@link #awaitStrongTasksNamingThem}. */
  static final int MAX_NAMED = 10;

  /**
   * Waits, without a bound, until no strong task is left: as the JVM waits for non-daemon threads,
   * so a strong task holds the exit as such a thread would. Every {@code shutdownTimeout} it names
   * on stderr the strong tasks still awaited, so a JVM that does not exit says why. An interrupt of
   * the waiting thread does not end the wait (the JVM's does not either); it is kept for later.
   */
  private static void awaitStrongTasksNamingThem(KernelState kernel, boolean rootFailed) {
    long period = Math.max(1_000_000L, kernel.settings().shutdownTimeout().toNanos());
    boolean interrupted = false;
    while (!kernel.awaitStrongTasks(System.nanoTime() + period, 0)) {
      if (Thread.interrupted()) {
        interrupted = true;
        continue;
      }
      List<TaskContext> awaited = new ArrayList<>();
      for (TaskContext task : kernel.registeredTasks()) {
        if (!task.weak && task.outcome() == null && !(task.synchronous && task.parent != null)) {
          awaited.add(task);
        }
      }
      if (!awaited.isEmpty()) {
        System.err.println(awaitedLine(rootFailed, awaited, period));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code taskrt: main returned; waiting for 1 strong task(s) to end: worker (#2) ...}. */
  static String awaitedLine(boolean rootFailed, List<TaskContext> awaited, long periodNanos) {
    StringBuilder line =
        new StringBuilder("taskrt: main ")
            .append(rootFailed ? "failed" : "returned")
            .append("; waiting for ")
            .append(awaited.size())
            .append(" strong task(s) to end: ");
    for (int i = 0; i < awaited.size() && i < MAX_NAMED; i++) {
      TaskContext task = awaited.get(i);
      line.append(i == 0 ? "" : ", ").append(task.name).append(" (#").append(task.id).append(')');
    }
    if (awaited.size() > MAX_NAMED) {
      line.append(" and ").append(awaited.size() - MAX_NAMED).append(" more");
    }
    return line.append(" (said every ")
        .append(java.time.Duration.ofNanos(periodNanos).toMillis())
        .append(" ms, shutdownTimeout; a weak task would not hold the exit)")
        .toString();
  }

  /** The JVM is exiting ({@code System.exit} or a signal); runs before the application's hooks. */
  public static void jvmExiting() {
    KernelState kernel = KernelState.get();
    if (kernel.shutdownTrigger() != null) {
      return;
    }
    boolean exitCalled = requestedExitStatus != Integer.MIN_VALUE;
    ExitCause cause =
        exitCalled ? new ExitCause(SYSTEM_EXIT, requestedExitStatus) : ExitCause.seenFromHook();
    if (cause.trigger().equals(LAST_THREAD_ENDED)) {
      lastThreadEnded(); // a normal end seen only by the fallback hook: the same sequence
      return;
    }
    String trigger = cause.trigger();
    List<KernelState.AtExitHandler> handlers = kernel.beginShutdown(trigger);
    if (handlers == null) {
      return;
    }
    Object event = Events.shutdownBegin();
    Events.ShutdownFacts facts = new Events.ShutdownFacts();
    facts.trigger = trigger;
    facts.exitStatus = cause.exitStatus();
    long budget = kernel.settings().shutdownTimeout().toNanos();
    long deadline = System.nanoTime() + budget;
    List<TaskContext> strong = new ArrayList<>();
    for (TaskContext task : kernel.registeredTasks()) {
      if (!task.weak && task.outcome() == null && !isCurrentThreads(task)) {
        strong.add(task);
      }
    }
    facts.strongWaited = strong.size();
    facts.strongKilled = strong.size();
    for (TaskContext task : strong) {
      LinkedFailure.killForShutdown(task, true); // weak descendants outlive the at_exit handlers
    }
    int running = countRunningOnThisThread(kernel);
    if (!kernel.awaitStrongTasks(deadline, running)) {
      abandon(strong, facts);
    }
    runAtExit(kernel, handlers, facts);
    long left = Math.max(0, deadline - System.nanoTime());
    killWeak(kernel, left, facts);
    kernel.schedulers().closeAll();
    Events.shutdownEnd(event, facts);
    Events.kernelStatsNow(kernel);
    Events.schedulerStatsNow(kernel);
  }

  /**
   * Tasks on the exiting thread's own stack cannot end before exit returns: don't wait for them.
   */
  private static boolean isCurrentThreads(TaskContext task) {
    for (TaskContext t = CurrentTask.get(); t != null; t = t.parent) {
      if (t == task) {
        return true;
      }
    }
    return false;
  }

  private static int countRunningOnThisThread(KernelState kernel) {
    int count = 0;
    for (TaskContext t = CurrentTask.get(); t != null; t = t.parent) {
      if (!t.weak && t.outcome() == null) {
        count++;
      }
    }
    return count;
  }

  /**
   * Runs each handler as a root task named after it (so task-locals, {@code defer} and kills work
   * inside it) on a daemon thread of its own, and waits for it at most {@code shutdownTimeout}; a
   * handler over its time is killed and abandoned.
   */
  private static void runAtExit(
      KernelState kernel, List<KernelState.AtExitHandler> handlers, Events.ShutdownFacts facts) {
    long bound = kernel.settings().shutdownTimeout().toMillis();
    int order = 0;
    for (KernelState.AtExitHandler handler : handlers) {
      order++;
      Object event = Events.atExitBegin();
      TaskContext task = startHandler(handler);
      boolean finished = awaitEnd(task, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(bound));
      String outcome;
      Throwable failure = finished ? task.failure() : null;
      facts.atExitRun++;
      if (!finished) {
        outcome = "TIMED_OUT";
        facts.atExitFailed++;
        task.kill(); // a checkpoint or runtime wait inside the handler ends it; else it is
        // abandoned
        System.err.println(
            "taskrt: at_exit handler '"
                + handler.name()
                + "' still running after "
                + bound
                + " ms (shutdownTimeout); killed and abandoned");
      } else if (failure != null) {
        outcome = "FAILED";
        facts.atExitFailed++;
        System.err.println("taskrt: at_exit handler '" + handler.name() + "' failed:");
        failure.printStackTrace();
      } else {
        outcome = "DONE";
      }
      Events.atExitEnd(event, handler.name(), order, outcome, failure, task.id);
    }
  }

  /**
   * The handler as an unlinked root task on a daemon thread of its own. Weak (it never holds up the
   * wait for strong tasks; its time is bounded) and kernel work: not counted among the strong or
   * weak tasks, so a handler reading {@code Kernel.strongTasks()} or {@code weakTasks()} sees the
   * application's tasks only.
   */
  private static TaskContext startHandler(KernelState.AtExitHandler handler) {
    TaskSpec spec =
        new TaskSpec(handler.name(), dev.taskrt.SpawnMode.UNLINKED, true, null, 0, 0, null);
    Runnable action = handler.action();
    return TaskLauncher.spawnRoot(
        spec, AT_EXIT_SCHEDULER, AtExitThreads.INSTANCE, new AtExitBody(action));
  }

  /** The scheduler name at_exit tasks report. */
  static final String AT_EXIT_SCHEDULER = "at-exit";

  /** A new daemon task thread per handler. */
  private enum AtExitThreads implements dev.taskrt.Scheduler {
    INSTANCE;

    @Override
    public void execute(Runnable body) {
      Schedulers.newThread(body, "taskrt-at-exit-", 0).start();
    }
  }

  /** A handler's action as a task body; its failure is reported by the sequence, not the task. */
  private static final class AtExitBody implements java.util.concurrent.Callable<Object> {
    private final Runnable action;

    AtExitBody(Runnable action) {
      this.action = action;
    }

    @Override
    public Object call() {
      CurrentTask.get().failureGoesToCaller = true;
      action.run();
      return null;
    }
  }

  private static void killWeak(KernelState kernel, long budgetNanos, Events.ShutdownFacts facts) {
    List<TaskContext> weak = new ArrayList<>();
    for (TaskContext task : kernel.registeredTasks()) {
      if (task.weak && !task.kernelWork && task.outcome() == null) {
        weak.add(task);
      }
    }
    facts.weakKilled = weak.size();
    for (TaskContext task : weak) {
      LinkedFailure.killForShutdown(task, false);
    }
    long deadline = System.nanoTime() + budgetNanos;
    for (TaskContext task : weak) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !awaitEnd(task, left)) {
        break;
      }
    }
    abandon(weak, facts);
  }

  private static boolean awaitEnd(TaskContext task, long nanos) {
    try {
      task.join(java.time.Duration.ofNanos(nanos));
      return true;
    } catch (dev.taskrt.TaskTimeoutException e) {
      return false;
    } catch (RuntimeException e) {
      return true; // ended, killed or failed
    }
  }

  private static void abandon(List<TaskContext> tasks, Events.ShutdownFacts facts) {
    StringBuilder names = new StringBuilder(facts.abandonedNames);
    AtomicInteger count = new AtomicInteger();
    for (TaskContext task : tasks) {
      if (task.outcome() == null) {
        count.incrementAndGet();
        if (names.length() > 0) {
          names.append(", ");
        }
        names.append(task.name).append(" (#").append(task.id).append(')');
      }
    }
    facts.abandoned += count.get();
    facts.abandonedNames = names.toString();
    if (count.get() > 0) {
      System.err.println(
          "taskrt: " + count.get() + " task(s) still running at exit, abandoned: " + names);
    }
  }

  private static boolean joinQuietly(Thread thread, long millis) {
    try {
      thread.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }
}
