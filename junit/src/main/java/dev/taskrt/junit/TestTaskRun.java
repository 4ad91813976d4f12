package dev.taskrt.junit;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import dev.taskrt.internal.TaskSubtree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * One test method run as a task on the test's own thread, then checked for what it left behind.
 * Loaded only once the agent is attached, so the runtime classes it links are the bootstrap ones.
 */
final class TestTaskRun {
  private TestTaskRun() {}

  /**
   * Runs {@code invocation} as the synchronous task {@code name}, UNLINKED so that a failing test
   * never kills a task around it. Throws the test's own failure, if any, else a report of the tasks
   * it left running or failed unjoined.
   */
  static void run(String name, Invocation<Void> invocation) throws Throwable {
    List<TaskHandle<?>> testTask = new ArrayList<>(1);
    Throwable testFailure = null;
    try {
      Tasks.builder()
          .name(name)
          .mode(SpawnMode.UNLINKED)
          .run(
              () -> {
                TaskHandle<?> self = Tasks.current();
                testTask.add(self);
                TaskFailureListener.watch(self);
                return proceed(invocation);
              });
    } catch (Throwable e) {
      testFailure = e;
    }
    if (testTask.isEmpty()) {
      throw testFailure; // refused before its body ran: there is nothing below it
    }
    TaskHandle<?> test = testTask.get(0);
    warnOnceIfFailuresGoUnseen();
    // Running tasks first: a task not seen running here had its failure filed already.
    List<TaskHandle<?>> running = TaskSubtree.runningDescendants(test);
    // Whether anyone had asked for the outcome of the tasks waited for below (the wait is a join).
    Map<TaskHandle<?>, Boolean> askedBeforeWait = new HashMap<>();
    if (awaitEnding(running, askedBeforeWait)) {
      running = TaskSubtree.runningDescendants(test);
    }
    List<TaskFailureListener.Failed> unjoined = new ArrayList<>();
    for (TaskFailureListener.Failed f : TaskFailureListener.stopWatching(test)) {
      boolean asked =
          askedBeforeWait.getOrDefault(f.task(), TaskSubtree.outcomeReachedSomeone(f.task()));
      if (!asked) {
        unjoined.add(f);
      }
    }
    LeftBehind left = new LeftBehind(test, running, unjoined);
    left.stopRunning();
    AssertionError report = left.report();
    if (testFailure != null) {
      if (report != null) {
        testFailure.addSuppressed(report);
      }
      throw testFailure;
    }
    if (report != null) {
      throw report;
    }
  }

  /**
   * Tasks already on their way out get a bounded time to end before what still runs is judged:
   * those a failure is killing (the test's own failure kills its linked and supervised children, as
   * any task's does) and those whose body has ended (a linked child's failure kills the test task
   * before that child has finished ending). True if there were any.
   */
  private static boolean awaitEnding(
      List<TaskHandle<?>> running, Map<TaskHandle<?>, Boolean> askedBeforeWait) {
    for (TaskHandle<?> task : running) {
      if (TaskSubtree.ending(task)) {
        askedBeforeWait.put(task, TaskSubtree.outcomeReachedSomeone(task));
      }
    }
    for (TaskHandle<?> task : askedBeforeWait.keySet()) {
      LeftBehind.awaitEnd(task);
    }
    return !askedBeforeWait.isEmpty();
  }

  private static boolean warned;

  /** The kernel loads its listeners from the system class loader; a runner may hide this jar. */
  private static synchronized void warnOnceIfFailuresGoUnseen() {
    if (!warned && !TaskFailureListener.installed()) {
      warned = true;
      System.err.println(
          "taskrt-junit: the kernel did not load "
              + TaskFailureListener.class.getName()
              + " (the system class loader does not see taskrt-junit), so tests cannot see tasks"
              + " that failed with nobody joining them");
    }
  }

  /** The test method's own exception, thrown unchanged (checked ones included). */
  private static Object proceed(Invocation<Void> invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw TestTaskRun.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
