package dev.taskrt.bench.runtime;

import dev.taskrt.internal.handoff.Handoff;
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
 * {@code java -jar bench/target/benchmarks.jar HandoffBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>The hand-off's own cost, with no executor and no thread wake-up in the way: inside a task,
 * {@link #handedOff} wraps a callable as the agent does at {@code execute} with {@code
 * propagate=on} and runs it at once on the same (plain) thread, as a child task with the parent's
 * inheritable task-locals; {@link #direct} calls the callable. The difference is what every
 * submission to an executor pays under {@code propagate=on}, on top of the executor's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class HandoffBench {
  /** The work handed off. */
  @State(Scope.Thread)
  public static class Work {
    final Callable<Integer> work = () -> 42;
  }

  /** The baseline: the work called directly. */
  @Benchmark
  public Integer direct(InsideTask inside, Work w) throws Exception {
    return w.work.call();
  }

  /** Wrapped at hand-off, then run as a child task on this thread. */
  @Benchmark
  public Integer handedOff(InsideTask inside, Work w) throws Exception {
    return Handoff.wrap(w.work).call();
  }
}
