package dev.taskrt.bench.pipes;

import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.bench.runtime.InsideTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar 'pipes.OneshotBench' -f 1 -wi 3 -i 5 -w 1s -r 1s
 * -prof gc}
 *
 * <p>Make a one-message pipe, send, receive ({@link #oneshot}) against its baseline: make a {@link
 * CompletableFuture}, complete it, get it ({@link #completableFuture}). Both on one thread, so the
 * figure is the cost of the objects and their state changes, not of a thread hand-off. DESIGN §7
 * budget: at most 1.0× the baseline's time. {@link #oneshotInTask} does the same inside a task (as
 * an application's threads run under the agent, in their root task or a task handed work from it),
 * where the maker holds the pipe until it is sent on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class OneshotBench {
  private static final Object MESSAGE = new Object();

  /** Makes a oneshot, sends on it and receives from it. */
  @Benchmark
  public Object oneshot() {
    Pipe<Object> pipe = Pipes.oneshot();
    pipe.chan().send(MESSAGE);
    return pipe.port().recv();
  }

  /** Makes a oneshot, sends on it and receives from it, inside a task. */
  @Benchmark
  public Object oneshotInTask(InsideTask inTask) {
    Pipe<Object> pipe = Pipes.oneshot();
    pipe.chan().send(MESSAGE);
    return pipe.port().recv();
  }

  /** Baseline: makes a CompletableFuture, completes it and gets it. */
  @Benchmark
  public Object completableFuture() throws InterruptedException, ExecutionException {
    CompletableFuture<Object> future = new CompletableFuture<>();
    future.complete(MESSAGE);
    return future.get();
  }
}
