package dev.taskrt.bench.runtime;

import dev.taskrt.Kernel;
import dev.taskrt.Tasks;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@code java -jar bench/target/benchmarks.jar SpawnJoinBench -prof gc -prof
 * dev.taskrt.bench.runtime.CpuTimeProfiler}
 *
 * <p>Spawning a task and joining it ({@link #spawnJoin}) against its baseline, submitting the same
 * body to the same {@link ThreadPoolExecutor} and waiting for its future ({@link #submitGet}). The
 * pool is registered as a scheduler, so both hand the body to the same threads; the spawner runs
 * inside a task, as an application under the agent does. {@link #spawnJoinOutsideTask} spawns a
 * root task instead, and {@link #spawnJoinDefaultScheduler} uses the kernel's own pool; both are
 * for information. The hand-off to a parked thread dominates all of them, and on a shared machine
 * its wake-up time varies from run to run. {@link #spawnJoinDirect} against {@link
 * #submitGetDirect} takes the hand-off out (the scheduler and the executor run the body on the
 * calling thread), which leaves what taskrt adds per spawn and join. DESIGN §7 budget: at most 1.2×
 * the baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class SpawnJoinBench {
  private static final AtomicInteger SCHEDULER_NUMBER = new AtomicInteger();

  /** The body every variant runs: returns an object made once. */
  static final Callable<Object> BODY = SpawnJoinBench::result;

  private static final Object RESULT = new Object();

  private static Object result() {
    return RESULT;
  }

  /** A fixed pool of two threads, also registered as a taskrt scheduler. */
  @State(Scope.Benchmark)
  public static class Pool {
    ThreadPoolExecutor executor;
    String scheduler;

    /** Starts the pool and registers it under a name of its own. */
    @Setup(Level.Trial)
    public void start() {
      executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
      executor.prestartAllCoreThreads();
      scheduler = "bench-pool-" + SCHEDULER_NUMBER.incrementAndGet();
      Kernel.schedulers().register(scheduler, executor::execute);
    }

    /** Stops the pool's threads. */
    @TearDown(Level.Trial)
    public void stop() {
      executor.shutdownNow();
    }
  }

  /** An executor that runs the body on the calling thread, also registered as a scheduler. */
  @State(Scope.Benchmark)
  public static class Direct {
    DirectExecutor executor;
    String scheduler;

    /** Registers the executor under a name of its own. */
    @Setup(Level.Trial)
    public void start() {
      executor = new DirectExecutor();
      scheduler = "bench-direct-" + SCHEDULER_NUMBER.incrementAndGet();
      Kernel.schedulers().register(scheduler, executor::execute);
    }
  }

  /** Runs each body at once on the thread that hands it over. */
  static final class DirectExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }

  /** Baseline: submit to the pool and wait for the future. */
  @Benchmark
  public Object submitGet(Pool pool) throws InterruptedException, ExecutionException {
    return pool.executor.submit(BODY).get();
  }

  /** Spawn a task on the same pool and join it, from inside a task. */
  @Benchmark
  public Object spawnJoin(Pool pool, InsideTask inside) {
    return Tasks.builder().scheduler(pool.scheduler).spawn(BODY).join();
  }

  /** The same from a thread with no task: the spawned task is a root. */
  @Benchmark
  public Object spawnJoinOutsideTask(Pool pool) {
    return Tasks.builder().scheduler(pool.scheduler).spawn(BODY).join();
  }

  /** Baseline without a hand-off: submit to the direct executor and get the future. */
  @Benchmark
  public Object submitGetDirect(Direct direct) throws InterruptedException, ExecutionException {
    return direct.executor.submit(BODY).get();
  }

  /** Spawn on the direct executor and join, from inside a task: taskrt's own cost. */
  @Benchmark
  public Object spawnJoinDirect(Direct direct, InsideTask inside) {
    return Tasks.builder().scheduler(direct.scheduler).spawn(BODY).join();
  }

  /** Spawn on the kernel's {@code default} scheduler and join, from inside a task. */
  @Benchmark
  public Object spawnJoinDefaultScheduler(InsideTask inside) {
    return Tasks.spawn(BODY).join();
  }
}
