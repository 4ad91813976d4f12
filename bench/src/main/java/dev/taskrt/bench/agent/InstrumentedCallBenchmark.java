package dev.taskrt.bench.agent;

import dev.taskrt.Frame;
import dev.taskrt.SpawnMode;
import dev.taskrt.Task;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * Per-call cost of a {@code @Frame} and a synchronous {@code @Task} method against the same method
 * uninstrumented ({@link #baseline}), in one JVM under the agent, events off. The calling thread
 * runs inside a task, as instrumented code does; {@link #frameOutsideTask} shows the cost when no
 * task is running.
 *
 * <p>Run from the repository root, after {@code mvn -pl agent -am package} (the fork loads {@code
 * agent/target/taskrt-agent.jar}):
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar InstrumentedCallBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-javaagent:agent/target/taskrt-agent.jar=main=off", "-Xmx256m"})
public class InstrumentedCallBenchmark {

  /** The benchmark thread inside a root task for the whole trial. */
  @State(Scope.Thread)
  public static class InTask {
    int x = 7;
    TaskContext root;

    @Setup(Level.Trial)
    public void enter() {
      int id =
          MethodRegistry.register(
              new MethodInfo(
                  InstrumentedCallBenchmark.class.getName(),
                  "trial",
                  "()V",
                  64,
                  "bench",
                  SpawnMode.UNLINKED,
                  0,
                  0,
                  "",
                  false));
      root = Instrumented.taskEnter(id);
    }

    @TearDown(Level.Trial)
    public void exit() {
      Instrumented.taskExit(root, null);
    }
  }

  /** The benchmark thread outside any task. */
  @State(Scope.Thread)
  public static class NoTask {
    int x = 7;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int plain(int x) {
    return x * 31 + 1;
  }

  @Frame
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int framed(int x) {
    return x * 31 + 1;
  }

  @Task
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int tasked(int x) {
    return x * 31 + 1;
  }

  /** The same method, uninstrumented: the baseline. */
  @Benchmark
  public int baseline(InTask s) {
    return plain(s.x);
  }

  /** {@code @Frame}: stack accounting and a kill checkpoint in the current task. */
  @Benchmark
  public int frame(InTask s) {
    return framed(s.x);
  }

  /** {@code @Frame} with no task on the thread. */
  @Benchmark
  public int frameOutsideTask(NoTask s) {
    return framed(s.x);
  }

  /** {@code @Task}: a synchronous child task per call. */
  @Benchmark
  public int task(InTask s) {
    return tasked(s.x);
  }
}
