package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * Starts a real JVM with {@code -javaagent:} on the built agent jar and the test applications on
 * its class path, and collects what a user would see: output, error output, exit status, and the
 * JFR events of a {@code jfr=} recording.
 */
public final class AgentJvm {
  /** The built agent jar. */
  public static final Path AGENT_JAR = Path.of(property("taskrt.agent.jar"));

  /** The compiled test applications. */
  public static final Path APPS = Path.of(property("taskrt.apps.classes"));

  /** How long a test JVM may run before the test fails. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Jdk jdk;
  private final List<String> jvmOptions = new ArrayList<>();
  private String agentOptions;
  private boolean withAgent = true;
  private Path agentJar = AGENT_JAR;
  private String extraClassPath;

  private AgentJvm(Jdk jdk) {
    this.jdk = jdk;
  }

  /** A JVM of that JDK with the agent and no options. */
  public static AgentJvm on(Jdk jdk) {
    return new AgentJvm(jdk);
  }

  /** The text after {@code -javaagent:taskrt-agent.jar=}. */
  public AgentJvm agentOptions(String options) {
    this.agentOptions = options;
    return this;
  }

  /** Adds a JVM option such as {@code -Dtaskrt.frames=...}. */
  public AgentJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Puts the test run's own class path (its libraries) after the test applications. */
  public AgentJvm withTestLibraries() {
    this.extraClassPath = System.getProperty("java.class.path");
    return this;
  }

  /** Puts these class path entries (libraries) after the test applications. */
  public AgentJvm withLibraries(String classPath) {
    this.extraClassPath = classPath;
    return this;
  }

  /** Puts a directory or jar after the test applications (and before the test libraries). */
  public AgentJvm withClassPath(Path entry) {
    this.extraClassPath =
        extraClassPath == null
            ? entry.toString()
            : entry + java.io.File.pathSeparator + extraClassPath;
    return this;
  }

  /** Uses this copy of the agent jar (a renamed one, say) instead of the built one. */
  public AgentJvm withAgentJar(Path jar) {
    this.agentJar = jar;
    return this;
  }

  /** Runs without the agent (for baselines). */
  public AgentJvm withoutAgent() {
    withAgent = false;
    return this;
  }

  /** The full command line for a main class and its arguments. */
  public List<String> command(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.add("-Xmx96m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    // Every class the agent rewrites in these runs is checked by the bytecode verifier.
    command.add("-Xverify:all");
    command.addAll(jvmOptions);
    if (withAgent) {
      command.add("-javaagent:" + agentJar + (agentOptions == null ? "" : "=" + agentOptions));
    }
    command.add("-cp");
    command.add(
        extraClassPath == null
            ? APPS.toString()
            : APPS + java.io.File.pathSeparator + extraClassPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the main class to its end. */
  public Result run(String mainClass, String... args) throws Exception {
    Process process = new ProcessBuilder(command(mainClass, args)).start();
    return collect(process, p -> {});
  }

  /**
   * Runs the main class, waits until it prints {@code ready}, then does {@code whenReady} to the
   * process (for example, sends SIGTERM with {@code toHandle().destroy()}, which unlike {@link
   * Process#destroy} leaves the output streams open).
   */
  public Result runUntilReady(String mainClass, Consumer<Process> whenReady, String... args)
      throws Exception {
    Process process = new ProcessBuilder(command(mainClass, args)).start();
    return collect(process, whenReady);
  }

  private static Result collect(Process process, Consumer<Process> whenReady) throws Exception {
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      CompletableFuture<Void> reading =
          CompletableFuture.runAsync(
              () -> {
                try {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    synchronized (out) {
                      out.append(line).append('\n');
                    }
                    if (line.equals("ready")) {
                      whenReady.accept(process);
                    }
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the test JVM did not end within " + TIMEOUT + "; output:\n" + out);
      }
      reading.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    return new Result(
        process.exitValue(), out.toString(), err.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is not set: run the integration tests through Maven");
    }
    return value;
  }

  /** What the JVM did. */
  public record Result(int status, String out, String err) {
    /** Output lines. */
    public List<String> outLines() {
      return out.lines().toList();
    }

    /** Error-output lines that the agent or runtime printed. */
    public List<String> taskrtLines() {
      return err.lines().filter(l -> l.startsWith("taskrt:")).toList();
    }

    /** Fails with the whole output when the status differs. */
    public Result assertStatus(int expected) {
      assertThat(status).as("exit status; out:\n%s\nerr:\n%s", out, err).isEqualTo(expected);
      return this;
    }
  }

  /** A fresh path for a recording. */
  public static Path newRecordingPath(Path dir, String name) {
    return dir.resolve(name + ".jfr");
  }

  /** The events of a recording, by name. */
  public static List<RecordedEvent> events(Path recording, String name) throws IOException {
    assertThat(Files.exists(recording)).as("recording %s written", recording).isTrue();
    List<RecordedEvent> found = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (e.getEventType().getName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
