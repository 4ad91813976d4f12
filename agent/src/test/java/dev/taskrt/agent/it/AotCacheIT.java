package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDK 25 AOT cache (JEP 483/514) made and used with the agent attached: the training run and the
 * one-step {@code -XX:AOTCacheOutput} end normally with the application's own output and one
 * message saying what taskrt leaves out while the archive is written (the JVM cannot archive a
 * redefined {@code Thread} and crashed at exit writing it); the cache is written; and a run that
 * uses it has every rewrite, with taskrt's classes and the JDK's coming from the cache.
 *
 * <p>The application is a jar: class-data archives take no directories on the class path. The
 * create step names the agent jar on the boot class path ({@code -Xbootclasspath/a}) because the
 * agent's {@code Boot-Class-Path} put it there in the training run and the create step runs no
 * agent.
 */
class AotCacheIT {
  private static final String APP = "itapps.legacy.HandoffApp";
  private static final String CHILD = "inTask=true name=main/handoff parent=main user=alice";
  private static final String MAIN_AFTER =
      "main after: inTask=true name=main parent=- user=alice request=r-1";
  private static final String MESSAGE =
      "taskrt: this JVM is writing an AOT cache or a static CDS archive, which cannot hold a"
          + " redefined Thread";

  @TempDir Path dir;
  private Path appJar;
  private Path agentJar;

  @BeforeEach
  void jarTheApplication() throws IOException {
    appJar = dir.resolve("app.jar");
    Path classes = AgentJvm.APPS;
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(appJar));
        Stream<Path> files = Files.list(classes.resolve("itapps/legacy"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("HandoffApp")).toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jar);
        jar.closeEntry();
      }
    }
    agentJar = AgentJvm.AGENT_JAR.toAbsolutePath();
  }

  @Test
  void aCacheRecordedWithTheAgentIsWrittenAndUsedWithEveryRewrite() throws Exception {
    Path config = dir.resolve("app.aotconf");
    Path cache = dir.resolve("app.aot");

    // The training run, its flags given the way a launcher script often does.
    Run record =
        java(
            Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=record -XX:AOTConfiguration=" + config),
            "-javaagent:" + agentJar,
            "-cp",
            appJar.toString(),
            APP,
            "thread");
    record.assertStatus(0);
    assertThat(record.appLines())
        .as("a thread started from a task in the training run does not carry it")
        .containsExactly("thread: inTask=false request=null", MAIN_AFTER);
    assertThat(record.taskrtLines()).singleElement().asString().startsWith(MESSAGE);
    assertThat(config).isNotEmptyFile();

    Run create =
        java(
            Map.of(),
            "-XX:AOTMode=create",
            "-XX:AOTConfiguration=" + config,
            "-XX:AOTCache=" + cache,
            "-javaagent:" + agentJar,
            "-Xbootclasspath/a:" + agentJar,
            "-cp",
            appJar.toString());
    create.assertStatus(0);
    assertThat(cache).isNotEmptyFile();

    Path loads = dir.resolve("loads.txt");
    Run use =
        java(
            Map.of(),
            // on: the JVM stops if it cannot use the cache, rather than run without it
            "-XX:AOTMode=on",
            "-XX:AOTCache=" + cache,
            "-Xlog:class+load=info:file=" + loads,
            "-javaagent:" + agentJar,
            "-cp",
            appJar.toString(),
            APP,
            "thread");
    use.assertStatus(0);
    assertThat(use.appLines()).containsExactly("thread: " + CHILD + " request=null", MAIN_AFTER);
    assertThat(use.taskrtLines()).isEmpty();
    List<String> loaded = Files.readAllLines(loads);
    assertThat(loaded)
        .as("taskrt's runtime and the JDK's classes come from the cache")
        .anyMatch(l -> l.contains(" dev.taskrt.Tasks source: shared objects file"))
        .anyMatch(l -> l.contains(" java.lang.Thread source: shared objects file"));
  }

  @Test
  void theOneStepAotCacheOutputRunEndsNormallyWithTheExecutorsRewritten() throws Exception {
    Path cache = dir.resolve("one-step.aot");
    Run run =
        java(
            Map.of(),
            "-XX:AOTCacheOutput=" + cache,
            "-javaagent:" + agentJar,
            "-cp",
            appJar.toString(),
            APP,
            "tpe");
    run.assertStatus(0);
    // What the JVM's create step prints after the application ended is the JVM's: the agent jar's
    // Boot-Class-Path is not on the boot class path of that step, which runs no agent.
    assertThat(run.appLines()).startsWith("tpe: " + CHILD + " request=null", MAIN_AFTER);
    assertThat(run.taskrtLines()).singleElement().asString().startsWith(MESSAGE);
    assertThat(run.out + run.err).doesNotContain("A fatal error has been detected");
  }

  /** Runs Temurin 25's java with these arguments and environment, in the test's directory. */
  private Run java(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Jdk.TEMURIN_25.java().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (OutputStream in = process.getOutputStream()) {
      // nothing to send
    }
    if (!process.waitFor(AgentJvm.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("java did not end: " + command);
    }
    return new Run(
        command,
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** What one JVM did. */
  private record Run(List<String> command, int status, String out, String err) {
    void assertStatus(int expected) {
      assertThat(status)
          .as("exit status of %s; out:\n%s\nerr:\n%s", command, out, err)
          .isEqualTo(expected);
    }

    /** The application's lines: the JVM's own AOT notices left out. */
    List<String> appLines() {
      return out.lines()
          .filter(l -> !l.startsWith("[") && !l.contains("AOTConfiguration") && !l.isBlank())
          .filter(l -> !l.startsWith("Launching child") && !l.startsWith("Picked up"))
          .filter(l -> !l.startsWith("Reading AOT") && !l.startsWith("AOTCache"))
          .filter(l -> !l.startsWith("Removed temporary") && !l.contains("AOT cache"))
          .toList();
    }

    List<String> taskrtLines() {
      return Stream.concat(out.lines(), err.lines()).filter(l -> l.startsWith("taskrt:")).toList();
    }
  }
}
