package dev.taskrt.bench.runtime;

import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar FrameInlineBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>A small framed method called from a hot loop, where the JIT inlines it together with its frame
 * entry and exit (not {@code DONT_INLINE}, unlike {@link FrameBench}): the shape of a real library
 * under {@code frames=}. Per call of the small method, against the same loop calling it without a
 * frame ({@link #plain}). JMH's benchmark threads belong to JMH's own executor: an application
 * pool's threads, neither taskrt's nor {@code main}, so the task is found through the slot table
 * ({@code ThreadSlots}). {@link #framedOutsideTask} is the same loop on a thread with no task.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class FrameInlineBench {
  static final int CALLS = 100;
  static final int FRAME_BYTES = 48;
  static final int SMALL_ID =
      MethodRegistry.register(
          MethodInfo.frame(FrameInlineBench.class.getName(), "small", "(II)I", FRAME_BYTES));

  /** What the agent's rewrite passes to the frame entry points: the id and size in one constant. */
  static final long FRAME = Instrumented.frame(SMALL_ID, FRAME_BYTES);

  /** The loop's input, read from a field so nothing is folded away. */
  @State(Scope.Thread)
  public static class Input {
    int seed = 7;
  }

  private static int small(int acc, int i) {
    return acc * 31 + i;
  }

  private static int framedSmall(int acc, int i) {
    TaskContext task = Instrumented.frameIn(FRAME);
    int result;
    try {
      result = small(acc, i);
    } catch (Throwable e) {
      Instrumented.frameThrown(e, task, FRAME);
      throw e;
    }
    Instrumented.frameOut(task, FRAME);
    return result;
  }

  /** Baseline: the hot loop calling the small method without a frame. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int plain(Input input) {
    int acc = input.seed;
    for (int i = 0; i < CALLS; i++) {
      acc = small(acc, i);
    }
    return acc;
  }

  /** The same loop, the small method framed, inside a task on an application pool's thread. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int framed(Input input, InsideTask inside) {
    int acc = input.seed;
    for (int i = 0; i < CALLS; i++) {
      acc = framedSmall(acc, i);
    }
    return acc;
  }

  /** The same loop, framed, on a thread with no task. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int framedOutsideTask(Input input) {
    int acc = input.seed;
    for (int i = 0; i < CALLS; i++) {
      acc = framedSmall(acc, i);
    }
    return acc;
  }
}
