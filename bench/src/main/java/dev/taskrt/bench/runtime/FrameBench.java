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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar FrameBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>The entry/exit pair the agent puts around a {@code @Frame} method ({@link #framed}, inside a
 * task) against its baseline, the same method body without it ({@link #plain}). The pair has the
 * shape of the rewrite: enter, the body, exit with what the body threw. {@link #framedOutsideTask}
 * is the pair on a thread with no task, for information. By default the benchmark thread is a plain
 * thread, so the current task is found through a {@link ThreadLocal}; with the task-thread executor
 * ({@link TaskThreadExecutor}) it is a thread of the {@code default} scheduler, as for a spawned
 * task. With no recording running (events off). DESIGN §7 budget: at most 2 ns more than the
 * baseline, and 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class FrameBench {
  /** The estimated frame size the rewrite would pass. */
  static final int FRAME_BYTES = 64;

  /** The id the rewrite would carry for the benchmark's frame method. */
  static final int FRAME_METHOD_ID =
      MethodRegistry.register(
          MethodInfo.frame(FrameBench.class.getName(), "body", "(I)I", FRAME_BYTES));

  /** What the agent's rewrite passes to the frame entry points: the id and size in one constant. */
  static final long FRAME = Instrumented.frame(FRAME_METHOD_ID, FRAME_BYTES);

  /** The body's input, read from a field each call so the body is not folded away. */
  @State(Scope.Thread)
  public static class Input {
    int value = 42;
  }

  private static int body(int value) {
    return value * 31 + 17;
  }

  /** Baseline: the method body alone. */
  @Benchmark
  public int plain(Input input) {
    return body(input.value);
  }

  /** The body inside the frame's entry/exit pair, inside a task. */
  @Benchmark
  public int framed(Input input, InsideTask inside) {
    return framedBody(input.value);
  }

  /** The same pair on a thread with no task. */
  @Benchmark
  public int framedOutsideTask(Input input) {
    return framedBody(input.value);
  }

  private static int framedBody(int value) {
    TaskContext task = Instrumented.frameIn(FRAME);
    int result;
    try {
      result = body(value);
    } catch (Throwable e) {
      Instrumented.frameThrown(e, task, FRAME);
      throw e;
    }
    Instrumented.frameOut(task, FRAME);
    return result;
  }
}
