package dev.taskrt.bench.runtime;

import dev.taskrt.SpawnMode;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs each measured iteration of a benchmark thread inside a synchronous task, as an application
 * under the agent runs inside its root task. A benchmark that takes this state as a parameter is
 * measured in a task; one that does not is measured on a thread with no task.
 *
 * <p>The task is entered and left through {@link Instrumented#taskEnter}/{@link
 * Instrumented#taskExit}, the pair the agent puts around a {@code @Task} method. It is bound per
 * iteration rather than per trial because setup, measurement and teardown of one iteration always
 * run on the same thread, while JMH may hand a thread's state to another thread between iterations
 * (it does with the task-thread executor, see {@link TaskThreadExecutor}).
 */
@State(Scope.Thread)
public class InsideTask {
  /** The method id the iteration's task is registered under. */
  static final int ITERATION_TASK_ID =
      MethodRegistry.register(
          new MethodInfo(
              InsideTask.class.getName(),
              "iteration",
              "()V",
              0,
              "bench-iteration",
              SpawnMode.LINKED,
              0,
              0,
              "",
              false));

  private TaskContext task;

  /** Binds the benchmark thread into a new task. */
  @Setup(Level.Iteration)
  public void enter() {
    task = Instrumented.taskEnter(ITERATION_TASK_ID);
  }

  /** Ends the task and unbinds the thread. */
  @TearDown(Level.Iteration)
  public void exit() {
    TaskContext ending = task;
    task = null;
    Instrumented.taskExit(ending, null);
  }

  /** The task the benchmark thread runs in this iteration. */
  public TaskContext task() {
    return task;
  }
}
