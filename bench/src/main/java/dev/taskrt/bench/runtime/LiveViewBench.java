package dev.taskrt.bench.runtime;

import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *     dev.taskrt.bench.runtime.LiveViewBench 5 recordingOff taskrtJfc topWatching
 * java -cp bench/target/benchmarks.jar dev.taskrt.bench.RoundsRatio --compare \
 *     dev.taskrt.bench.runtime.LiveViewBench 5 spawnRecordingOff spawnTaskrtJfc spawnTopWatching
 * </pre>
 *
 * <p>What {@code top} watching costs the JVM it watches, on short tasks (one {@code Tasks.run}
 * inside a task, its TaskStart and TaskEnd recorded; the {@code spawn*} variants spawn the task on
 * the default scheduler and join it, the model's ordinary task, and are compared with {@link
 * #spawnRecordingOff}) while {@value #BLOCKED} more tasks sit blocked on a pipe, so that every
 * live-task snapshot lists them all. The baseline {@link #recordingOff} runs with no recording;
 * {@link #taskrtJfc} with a recording of the agent's {@code taskrt.jfc} (DESIGN §7 budget for a
 * million short tasks: at most 1.3x of recording off); {@link #topWatching} while another process
 * does to this JVM what {@code top} does ({@link WatchingProcess}): attach, a JFR remote stream
 * with {@code taskrt.jfc} plus snapshots and kernel counts every second, its events read in that
 * process. The CPU time counted is this JVM's: the share of the watched JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class LiveViewBench {
  /** Tasks kept blocked on a pipe for the whole trial, listed in every snapshot. */
  static final int BLOCKED = 200;

  /** Where the agent's settings file is, run from the repository root. */
  static final Path TASKRT_JFC = Path.of("agent/src/main/resources/taskrt.jfc");

  /** The short task's body and the blocked tasks. */
  @State(Scope.Benchmark)
  public static class Load {
    final Object result = new Object();
    final Callable<Object> body = () -> result;
    private final Pipe<String> pipe = Pipes.shared(BLOCKED);
    private final List<TaskHandle<String>> blocked = new ArrayList<>();

    /** Starts the blocked tasks. */
    @Setup(Level.Trial)
    public void block() {
      for (int i = 0; i < BLOCKED; i++) {
        blocked.add(
            Tasks.builder()
                .name("blocked-" + i)
                .mode(SpawnMode.UNLINKED)
                .scheduler("platform")
                .spawn(() -> pipe.port().recv()));
      }
    }

    /** Ends them. */
    @TearDown(Level.Trial)
    public void release() {
      for (int i = 0; i < BLOCKED; i++) {
        pipe.chan().send("done");
      }
      blocked.forEach(TaskHandle::join);
    }
  }

  /** A recording with {@code taskrt.jfc}. */
  @State(Scope.Benchmark)
  public static class TaskrtRecording {
    private Recording recording;

    /** Starts it. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      recording = new Recording(Configuration.create(reader()));
      recording.setMaxAge(Duration.ofMinutes(1));
      recording.start();
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void stop() {
      recording.close();
    }
  }

  /**
   * What {@code top} does to the watched JVM, from a process of its own ({@link WatchingProcess}):
   * attach, a JFR remote stream over the management agent with snapshots every second.
   */
  @State(Scope.Benchmark)
  public static class TopStream {
    private Process watcher;

    /** Starts the watching process and waits until its first snapshot arrived. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      dev.taskrt.Kernel.liveTasks(); // the kernel registers the snapshot; make sure it exists
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      watcher =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  WatchingProcess.class.getName(),
                  Long.toString(ProcessHandle.current().pid()))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"watching".equals(line)) {
        watcher.destroyForcibly();
        throw new IllegalStateException("the watching process did not start: " + line);
      }
    }

    /** Stops it: it closes its stream, which removes its recording. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
      watcher.getOutputStream().close();
      if (!watcher.waitFor(60, TimeUnit.SECONDS)) {
        watcher.destroyForcibly();
      }
    }
  }

  static Reader reader() throws Exception {
    InputStream in =
        LiveViewBench.class.getClassLoader().getResourceAsStream("dev/taskrt/agent/taskrt.jfc");
    if (in == null) {
      in = Files.newInputStream(TASKRT_JFC);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** Baseline: short tasks, no recording. */
  @Benchmark
  public Object recordingOff(Load load, InsideTask inside) {
    return Tasks.run("short", load.body);
  }

  /** Short tasks with the {@code taskrt.jfc} recording. */
  @Benchmark
  public Object taskrtJfc(Load load, InsideTask inside, TaskrtRecording recording) {
    return Tasks.run("short", load.body);
  }

  /** Short tasks while {@code top} watches. */
  @Benchmark
  public Object topWatching(Load load, InsideTask inside, TopStream top) {
    return Tasks.run("short", load.body);
  }

  /** Baseline of the spawned variants: a short task spawned on the default scheduler and joined. */
  @Benchmark
  public Object spawnRecordingOff(Load load, InsideTask inside) {
    return Tasks.spawn(load.body).join();
  }

  /** Spawned short tasks with the {@code taskrt.jfc} recording. */
  @Benchmark
  public Object spawnTaskrtJfc(Load load, InsideTask inside, TaskrtRecording recording) {
    return Tasks.spawn(load.body).join();
  }

  /** Spawned short tasks while {@code top} watches. */
  @Benchmark
  public Object spawnTopWatching(Load load, InsideTask inside, TopStream top) {
    return Tasks.spawn(load.body).join();
  }
}
