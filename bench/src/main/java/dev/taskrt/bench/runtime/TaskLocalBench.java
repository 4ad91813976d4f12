package dev.taskrt.bench.runtime;

import dev.taskrt.TaskLocal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar TaskLocalBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>{@link TaskLocal#get()} against its baseline {@link ThreadLocal#get()} ({@link
 * #threadLocalGet}), both with a value set on the benchmark thread. {@link #taskLocalGet} runs
 * inside a task; {@link #taskLocalGetOutsideTask} gives the initial value on a thread with no task.
 * By default the benchmark thread is a plain thread, so finding the current task goes through a
 * {@link ThreadLocal} (as for {@code Tasks.run} on the caller's thread); with the task-thread
 * executor ({@link TaskThreadExecutor}) it is a thread of the {@code default} scheduler, as for a
 * spawned task. DESIGN §7 budget: at most 1.2× the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class TaskLocalBench {
  static final TaskLocal<Object> TASK_LOCAL =
      TaskLocal.of("bench").withInitial(TaskLocalBench::initialValue);
  static final ThreadLocal<Object> THREAD_LOCAL =
      ThreadLocal.withInitial(TaskLocalBench::initialValue);

  private static final Object INITIAL = new Object();

  private static Object initialValue() {
    return INITIAL;
  }

  /**
   * A value set in the task-local of the iteration's task. A benchmark takes this state alone, not
   * also {@link InsideTask}: JMH would make a second {@code InsideTask}, a nested task without the
   * value.
   */
  @State(Scope.Thread)
  public static class TaskLocalSet {
    /** Sets the value once the task is entered (JMH runs {@link InsideTask}'s setup first). */
    @Setup(Level.Iteration)
    public void set(InsideTask inside) {
      TASK_LOCAL.set(new Object());
    }
  }

  /** A value set in the thread-local of the benchmark thread. */
  @State(Scope.Thread)
  public static class ThreadLocalSet {
    /** Sets the value on the thread that runs the iteration. */
    @Setup(Level.Iteration)
    public void set() {
      THREAD_LOCAL.set(new Object());
    }

    /** Leaves nothing on a pooled thread. */
    @TearDown(Level.Iteration)
    public void remove() {
      THREAD_LOCAL.remove();
    }
  }

  /** Baseline: a set thread-local. */
  @Benchmark
  public Object threadLocalGet(ThreadLocalSet set) {
    return THREAD_LOCAL.get();
  }

  /** A set task-local, inside a task. */
  @Benchmark
  public Object taskLocalGet(TaskLocalSet set) {
    return TASK_LOCAL.get();
  }

  /** A task-local on a thread with no task: the initial value. */
  @Benchmark
  public Object taskLocalGetOutsideTask() {
    return TASK_LOCAL.get();
  }
}
