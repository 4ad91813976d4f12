package dev.taskrt.bench.legacy;

import dev.taskrt.SpawnMode;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code executor.submit(work).get()} from inside a task, on a two-thread pool: with {@code
 * propagate=on} (the work runs as a child task), with {@code propagate=off} under the agent, and
 * with no agent at all (the baseline; issue 7's budget is 1.15× of it). Each variant is its own
 * fork.
 *
 * <p>Run from the repository root, after {@code mvn -pl agent -am package} (the forks load {@code
 * agent/target/taskrt-agent.jar}):
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ExecutorHandoffBenchmark
 * </pre>
 *
 * <p>One submit+get is dominated by waking a parked pool thread, which varies from fork to fork by
 * more than the budget; {@link dev.taskrt.bench.RoundsRatio} runs the variants in rounds of
 * side-by-side forks and reports the ratio with a confidence interval.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExecutorHandoffBenchmark {
  /** Submissions in flight in the batch variants. */
  static final int BATCH = 64;

  private static final String AGENT = "-javaagent:agent/target/taskrt-agent.jar=main=off";

  /** A two-thread pool and the benchmark thread inside a root task for the whole trial. */
  @State(Scope.Thread)
  public static class Pool {
    ExecutorService pool;
    TaskContext root;
    final Callable<Integer> work = () -> 42;
    final Future<?>[] batch = new Future<?>[BATCH];

    @Setup(Level.Trial)
    public void start() {
      pool = Executors.newFixedThreadPool(2);
      int id =
          MethodRegistry.register(
              new MethodInfo(
                  ExecutorHandoffBenchmark.class.getName(),
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
    public void stop() {
      Instrumented.taskExit(root, null);
      pool.shutdown();
    }
  }

  /** The baseline: no agent, so the work runs on the pool as it is. */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx256m"})
  public Integer noAgent(Pool p) throws InterruptedException, ExecutionException {
    return p.pool.submit(p.work).get();
  }

  /** Under the agent with {@code propagate=off}: the JDK classes are not rewritten. */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {AGENT + ",propagate=off", "-Xmx256m"})
  public Integer propagateOff(Pool p) throws InterruptedException, ExecutionException {
    return p.pool.submit(p.work).get();
  }

  /** Under the agent with {@code propagate=on}: the work runs as a child task of the trial's. */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {AGENT + ",propagate=on", "-Xmx256m"})
  public Integer propagateOn(Pool p) throws InterruptedException, ExecutionException {
    return p.pool.submit(p.work).get();
  }

  private static int submitBatch(Pool p) throws InterruptedException, ExecutionException {
    for (int i = 0; i < BATCH; i++) {
      p.batch[i] = p.pool.submit(p.work);
    }
    int sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += (Integer) p.batch[i].get();
    }
    return sum;
  }

  /** The baseline of {@link #propagateOnBatch}: 64 submissions in flight, then their gets. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx256m"})
  public int noAgentBatch(Pool p) throws InterruptedException, ExecutionException {
    return submitBatch(p);
  }

  /** Batch, under the agent with {@code propagate=off}. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(
      value = 1,
      jvmArgsAppend = {AGENT + ",propagate=off", "-Xmx256m"})
  public int propagateOffBatch(Pool p) throws InterruptedException, ExecutionException {
    return submitBatch(p);
  }

  /**
   * Batch, under the agent with {@code propagate=on}: the threads' wake-ups are shared by the
   * batch, so the hand-off's own cost (wrap, child task, restore) shows.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  @Fork(
      value = 1,
      jvmArgsAppend = {AGENT + ",propagate=on", "-Xmx256m"})
  public int propagateOnBatch(Pool p) throws InterruptedException, ExecutionException {
    return submitBatch(p);
  }
}
