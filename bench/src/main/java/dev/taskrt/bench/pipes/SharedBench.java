package dev.taskrt.bench.pipes;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code java -jar bench/target/benchmarks.jar 'pipes.SharedBench' -f 1 -wi 3 -i 5 -w 1s -r 1s}
 *
 * <p>Four (and eight) senders, one receiver: {@code Pipes.shared(capacity)} ({@link #shared})
 * against its baselines of the same capacity, {@link LinkedBlockingQueue} ({@link
 * #linkedBlockingQueue}, the DESIGN §7 budget: at least 1.0×, aim 2×) and {@link
 * ArrayBlockingQueue} ({@link #arrayBlockingQueue}). {@code senders} background threads send
 * without end; the measured thread receives {@link #BATCH} messages per call, so the score is
 * messages per microsecond through the pipe.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class SharedBench {
  /** Messages received per benchmark call. */
  static final int BATCH = 1_000;

  /** A shared pipe with its background senders. */
  @State(Scope.Benchmark)
  public static class SharedState {
    @Param({"1024"})
    int capacity;

    @Param({"4", "8"})
    int senders;

    Pipe<Object> pipe;
    Port<Object> port;
    Producers producers;

    /** Starts the senders. */
    @Setup(Level.Trial)
    public void start() {
      pipe = Pipes.shared(capacity);
      port = pipe.port();
      Chan<Object> chan = pipe.chan();
      producers = new Producers().start(senders, "shared-sender", Producers.sendingOn(chan));
    }

    /** Closing the port wakes the senders with PipeClosedException. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      port.close();
      producers.join();
    }
  }

  /** A blocking queue of the same capacity with as many background senders. */
  @State(Scope.Benchmark)
  public abstract static class QueueState {
    @Param({"1024"})
    int capacity;

    @Param({"4", "8"})
    int senders;

    BlockingQueue<Object> queue;
    Producers producers;

    abstract BlockingQueue<Object> make(int capacity);

    /** Starts the senders. */
    @Setup(Level.Trial)
    public void start() {
      queue = make(capacity);
      producers = new Producers().start(senders, "queue-sender", Producers.puttingInto(queue));
    }

    /** Interrupts the senders. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      producers.interruptAndJoin();
    }
  }

  /** The LinkedBlockingQueue baseline. */
  @State(Scope.Benchmark)
  public static class LinkedState extends QueueState {
    @Override
    BlockingQueue<Object> make(int capacity) {
      return new LinkedBlockingQueue<>(capacity);
    }
  }

  /** The ArrayBlockingQueue baseline. */
  @State(Scope.Benchmark)
  public static class ArrayState extends QueueState {
    @Override
    BlockingQueue<Object> make(int capacity) {
      return new ArrayBlockingQueue<>(capacity);
    }
  }

  /** Receives a batch from the shared pipe. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void shared(SharedState state, Blackhole hole) {
    Port<Object> port = state.port;
    for (int i = 0; i < BATCH; i++) {
      hole.consume(port.recv());
    }
  }

  /** Baseline (the budget's): takes a batch from the LinkedBlockingQueue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void linkedBlockingQueue(LinkedState state, Blackhole hole) throws InterruptedException {
    take(state.queue, hole);
  }

  /** Baseline: takes a batch from the ArrayBlockingQueue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void arrayBlockingQueue(ArrayState state, Blackhole hole) throws InterruptedException {
    take(state.queue, hole);
  }

  private static void take(BlockingQueue<Object> queue, Blackhole hole)
      throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      hole.consume(queue.take());
    }
  }
}
