package dev.taskrt.bench.runtime;

import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From the repository root, after {@code mvn -pl bench -am package -DskipTests}:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --compare \
 *     dev.taskrt.bench.runtime.MillionTasksBench 4 spawned spawnedRecorded
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --compare \
 *     dev.taskrt.bench.runtime.MillionTasksBench 4 synchronous synchronousRecorded
 * </pre>
 *
 * <p>A million short tasks, each operation of the benchmark the whole million (single shot; the
 * score is the time of a million), with a recording of the agent's {@code taskrt.jfc} (as {@link
 * LiveViewBench#taskrtJfc} starts it) against the same run with no recording: DESIGN §7 budget at
 * most 1.3x, aim 1.1x. Two kinds of task: {@link #spawned}, spawned with {@code Tasks.spawn} on the
 * kernel's {@code default} scheduler from inside a task and joined, {@value #BATCH} in flight at a
 * time; and {@link #synchronous}, {@code Tasks.run} of the same tiny body on the calling thread,
 * inside a task. The recording runs for the whole fork, its events kept for a minute.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class MillionTasksBench {
  /** Tasks per operation: a million ({@code ./taskrt bench quick} runs fewer, and says so). */
  @State(Scope.Benchmark)
  public static class Size {
    @Param({"1000000"})
    int tasks;
  }

  /** Spawned tasks in flight at a time: spawned, then joined, batch after batch. */
  static final int BATCH = 1_000;

  private static final Object RESULT = new Object();

  /** The tiny body of every task. */
  static final Callable<Object> BODY = () -> RESULT;

  /** Handles of one batch of spawned tasks. */
  @State(Scope.Thread)
  public static class Handles {
    @SuppressWarnings("unchecked")
    final TaskHandle<Object>[] batch = new TaskHandle[BATCH];
  }

  /** A recording with {@code taskrt.jfc} for the whole fork. */
  @State(Scope.Benchmark)
  public static class TaskrtRecording {
    private Recording recording;

    /** Starts it. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      recording = new Recording(Configuration.create(LiveViewBench.reader()));
      recording.setMaxAge(Duration.ofMinutes(1));
      recording.start();
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stop() {
      recording.close();
    }
  }

  private static long spawnAndJoin(Handles handles, int tasks) {
    long joined = 0;
    TaskHandle<Object>[] batch = handles.batch;
    for (int done = 0; done < tasks; done += BATCH) {
      for (int i = 0; i < BATCH; i++) {
        batch[i] = Tasks.spawn(BODY);
      }
      for (int i = 0; i < BATCH; i++) {
        if (batch[i].join() == RESULT) {
          joined++;
        }
        batch[i] = null;
      }
    }
    return joined;
  }

  private static long runSynchronously(int tasks) {
    long ran = 0;
    for (int i = 0; i < tasks; i++) {
      if (Tasks.run("short", BODY) == RESULT) {
        ran++;
      }
    }
    return ran;
  }

  /** Baseline of (a): a million spawned and joined, no recording. */
  @Benchmark
  public long spawned(Size size, Handles handles, InsideTask inside) {
    return spawnAndJoin(handles, size.tasks);
  }

  /** (a) with the {@code taskrt.jfc} recording. */
  @Benchmark
  public long spawnedRecorded(
      Size size, Handles handles, InsideTask inside, TaskrtRecording recording) {
    return spawnAndJoin(handles, size.tasks);
  }

  /** Baseline of (b): a million synchronous tasks, no recording. */
  @Benchmark
  public long synchronous(Size size, InsideTask inside) {
    return runSynchronously(size.tasks);
  }

  /** (b) with the {@code taskrt.jfc} recording. */
  @Benchmark
  public long synchronousRecorded(Size size, InsideTask inside, TaskrtRecording recording) {
    return runSynchronously(size.tasks);
  }
}
