package dev.taskrt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Runs a sample the way a user would: a new JVM with {@code -javaagent:} on the built agent jar and
 * a {@code jfr=} recording, and collects its output, error output, exit status and the recording's
 * taskrt events.
 */
public final class SampleJvm {
  /** The built agent jar. */
  public static final Path AGENT_JAR = Path.of(property("taskrt.agent.jar"));

  /** The compiled samples. */
  public static final Path CLASSES = Path.of(property("taskrt.samples.classes"));

  /** Where runs leave their recordings. */
  public static final Path WORK = Path.of(property("taskrt.samples.work"));

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final List<String> jvmOptions = new ArrayList<>();
  private String agentOptions = "";
  private boolean withAgent = true;

  private SampleJvm(String name) {
    this.name = name;
  }

  /** A run whose recording is named after {@code name}. */
  public static SampleJvm named(String name) {
    return new SampleJvm(name);
  }

  /** Agent options besides {@code jfr=}, e.g. {@code tasks=...}. */
  public SampleJvm agentOptions(String options) {
    this.agentOptions = options;
    return this;
  }

  /** A JVM option such as {@code -Djava.library.path=...}. */
  public SampleJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Runs without the agent, to show what the sample does on its own. */
  public SampleJvm withoutAgent() {
    withAgent = false;
    return this;
  }

  /** The recording this run writes. */
  public Path recording() {
    return WORK.resolve(name + ".jfr");
  }

  /** Runs the main class to its end. */
  public Result run(String mainClass, String... args) throws Exception {
    return runUntilReady(mainClass, p -> {}, args);
  }

  /**
   * Runs the main class; when it prints the line {@code ready}, does {@code whenReady} to the
   * process (for example sends SIGTERM with {@code toHandle().destroy()}).
   */
  public Result runUntilReady(String mainClass, Consumer<Process> whenReady, String... args)
      throws Exception {
    Files.createDirectories(WORK);
    Files.deleteIfExists(recording());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    if (withAgent) {
      String options = "jfr=" + recording() + (agentOptions.isEmpty() ? "" : "," + agentOptions);
      command.add("-javaagent:" + AGENT_JAR + "=" + options);
    }
    command.add("-cp");
    command.add(CLASSES.toString());
    command.add(mainClass);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), READERS);
    StringBuilder out = new StringBuilder();
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              for (String l : new LineReader(process.getInputStream())) {
                synchronized (out) {
                  out.append(l).append('\n');
                }
                if (l.equals("ready")) {
                  whenReady.accept(process);
                }
              }
            },
            READERS);
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the sample did not end within " + TIMEOUT + "; output:\n" + out);
    }
    reading.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return new Result(
        process.exitValue(),
        out.toString(),
        err.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
        withAgent ? recording() : null);
  }

  /**
   * A thread per stream reader. Not the common pool: on a 2-processor machine its parallelism is 1,
   * and from JDK 21 on {@code CompletableFuture}'s async methods then run there, one at a time, so
   * the stdout reader would wait behind the blocked stderr reader and never see {@code ready}.
   */
  private static final java.util.concurrent.Executor READERS =
      body -> {
        Thread reader = new Thread(body, "sample-output-reader");
        reader.setDaemon(true);
        reader.start();
      };

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run the samples' tests through Maven");
    }
    return value;
  }

  /** What the sample's JVM did. */
  public record Result(int status, String out, String err, Path recording) {
    /** Output lines. */
    public List<String> outLines() {
      return out.lines().toList();
    }

    /** Fails with the whole output when the exit status differs. */
    public Result assertStatus(int expected) {
      assertThat(status).as("exit status; out:\n%s\nerr:\n%s", out, err).isEqualTo(expected);
      return this;
    }

    /** The recording's events of that name ({@code taskrt.TaskEnd}, ...). */
    public List<RecordedEvent> events(String eventName) throws IOException {
      assertThat(recording).as("a run with the agent").isNotNull();
      assertThat(Files.exists(recording)).as("recording %s written", recording).isTrue();
      List<RecordedEvent> found = new ArrayList<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
        if (e.getEventType().getName().equals(eventName)) {
          found.add(e);
        }
      }
      return found;
    }

    /** The {@code taskrt.TaskEnd} event of the task named {@code taskName}; fails if not one. */
    public List<RecordedEvent> taskEnds(String taskName) throws IOException {
      return events("taskrt.TaskEnd").stream()
          .filter(e -> taskName.equals(e.getString("taskName")))
          .toList();
    }
  }
}
