package dev.taskrt.bench.pipes;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
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
 * {@code java -jar bench/target/benchmarks.jar 'pipes.StreamBench' -f 1 -wi 3 -i 5 -w 1s -r 1s}
 *
 * <p>One sender, one receiver: {@code Pipes.stream(capacity)} ({@link #stream}) against its
 * baselines, an {@link ArrayBlockingQueue} of the same capacity ({@link #arrayBlockingQueue}, the
 * DESIGN §7 budget) and a {@link LinkedTransferQueue} ({@link #linkedTransferQueue}, the aim). The
 * transfer queue has no bound of its own, so its sender stops putting (yielding) while it is more
 * than {@code capacity} messages ahead of what the receiver has taken in whole batches; it never
 * parks, which favours the baseline. A background thread sends without end; the measured thread
 * receives {@link #BATCH} messages per call, so the score is messages per microsecond through the
 * pipe. Both sides block when they must (full or empty). DESIGN §7 budget: at least 1.0× the
 * baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class StreamBench {
  /** Messages received per benchmark call. */
  static final int BATCH = 1_000;

  /** A stream with one background sender. */
  @State(Scope.Benchmark)
  public static class StreamState {
    @Param({"64", "1024"})
    int capacity;

    Pipe<Object> pipe;
    Port<Object> port;
    Producers producers;

    /** Starts the sender. */
    @Setup(Level.Trial)
    public void start() {
      pipe = Pipes.stream(capacity);
      port = pipe.port();
      Chan<Object> chan = pipe.chan();
      producers = new Producers().start(1, "stream-sender", Producers.sendingOn(chan));
    }

    /** Closing the port wakes the sender with PipeClosedException. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      port.close();
      producers.join();
    }
  }

  /** An ArrayBlockingQueue of the same capacity with one background sender. */
  @State(Scope.Benchmark)
  public static class QueueState {
    @Param({"64", "1024"})
    int capacity;

    ArrayBlockingQueue<Object> queue;
    Producers producers;

    /** Starts the sender. */
    @Setup(Level.Trial)
    public void start() {
      queue = new ArrayBlockingQueue<>(capacity);
      producers = new Producers().start(1, "abq-sender", Producers.puttingInto(queue));
    }

    /** Interrupts the sender. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      producers.interruptAndJoin();
    }
  }

  /** A LinkedTransferQueue with one background sender kept about {@code capacity} ahead. */
  @State(Scope.Benchmark)
  public static class TransferState {
    @Param({"64", "1024"})
    int capacity;

    LinkedTransferQueue<Object> queue;

    /** Messages the receiver has taken, updated once per batch. */
    volatile long taken;

    Producers producers;

    /** Starts the sender. */
    @Setup(Level.Trial)
    public void start() {
      queue = new LinkedTransferQueue<>();
      long bound = capacity + BATCH;
      producers =
          new Producers()
              .start(
                  1,
                  "ltq-sender",
                  () -> {
                    long sent = 0;
                    while (true) {
                      while (sent - taken >= bound) {
                        Thread.yield();
                        if (Thread.interrupted()) {
                          return;
                        }
                      }
                      queue.put(Producers.MESSAGE);
                      sent++;
                    }
                  });
    }

    /** Interrupts the sender. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      producers.interruptAndJoin();
    }
  }

  /** Receives a batch from the stream. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void stream(StreamState state, Blackhole hole) {
    Port<Object> port = state.port;
    for (int i = 0; i < BATCH; i++) {
      hole.consume(port.recv());
    }
  }

  /** Baseline: takes a batch from the ArrayBlockingQueue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void arrayBlockingQueue(QueueState state, Blackhole hole) throws InterruptedException {
    ArrayBlockingQueue<Object> queue = state.queue;
    for (int i = 0; i < BATCH; i++) {
      hole.consume(queue.take());
    }
  }

  /** Baseline (the aim's): takes a batch from the LinkedTransferQueue. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void linkedTransferQueue(TransferState state, Blackhole hole) throws InterruptedException {
    LinkedTransferQueue<Object> queue = state.queue;
    for (int i = 0; i < BATCH; i++) {
      hole.consume(queue.take());
    }
    state.taken += BATCH;
  }
}
