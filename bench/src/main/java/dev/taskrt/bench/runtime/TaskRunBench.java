package dev.taskrt.bench.runtime;

import dev.taskrt.SpawnMode;
import dev.taskrt.Tasks;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar TaskRunBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>A synchronous task around a callable against its baseline, a plain call of the same callable
 * ({@link #plainCall}). {@link #tasksRun} is {@code Tasks.run} inside a task (an application under
 * the agent runs inside its root task); {@link #taskEnterExit} is the pair the agent puts around a
 * {@code @Task} method; {@link #tasksRunOutsideTask} makes a root task, for information. By default
 * the benchmark thread is a plain thread, so the current task is found through a {@link
 * ThreadLocal}; with the task-thread executor ({@link TaskThreadExecutor}) it is a thread of the
 * {@code default} scheduler, as for a spawned task. With no recording running (events off). DESIGN
 * §7 budget for a {@code @Task} synchronous call: at most 60 ns more than the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class TaskRunBench {
  /** The id the {@code @Task} rewrite would carry for the benchmark's task method. */
  static final int TASK_METHOD_ID =
      MethodRegistry.register(
          new MethodInfo(
              TaskRunBench.class.getName(),
              "taskMethod",
              "()Ljava/lang/Object;",
              64,
              "TaskRunBench.taskMethod",
              SpawnMode.LINKED,
              0,
              0,
              "",
              false));

  /** The callable every variant calls; returns an object made once per trial. */
  @State(Scope.Thread)
  public static class Body {
    final Object result = new Object();
    final Callable<Object> callable = () -> result;
  }

  /** Baseline: the callable, called. */
  @Benchmark
  public Object plainCall(Body body) throws Exception {
    return body.callable.call();
  }

  /** {@code Tasks.run} of the callable, inside a task. */
  @Benchmark
  public Object tasksRun(Body body, InsideTask inside) {
    return Tasks.run("bench", body.callable);
  }

  /** The {@code @Task} rewrite's entry and exit around the call, inside a task. */
  @Benchmark
  public Object taskEnterExit(Body body, InsideTask inside) throws Exception {
    TaskContext task = Instrumented.taskEnter(TASK_METHOD_ID);
    Object result;
    try {
      result = body.callable.call();
    } catch (Throwable e) {
      Instrumented.taskExit(task, e);
      throw e;
    }
    Instrumented.taskExit(task, null);
    return result;
  }

  /** {@code Tasks.run} on a thread with no task: a root task. */
  @Benchmark
  public Object tasksRunOutsideTask(Body body) {
    return Tasks.run("bench", body.callable);
  }
}
