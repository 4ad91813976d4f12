package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.ManyTasksProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a real run of a million short tasks ({@link ManyTasksProgram}), then inspects it in a
 * child JVM with {@code -Xmx256m} and prints how long each command took. Not part of the default
 * build (it takes a minute or more); run it with:
 *
 * <pre>
 * mvn -B -pl inspect -am verify -Dinspect.excludedGroups=none -Dgroups=million \
 *     -Dtest=MillionTasksInspectTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The figures go to docs/PERFORMANCE.md ("Inspect"), measured by this test or by the commands
 * written there.
 */
@Tag("million")
class MillionTasksInspectTest {
  @TempDir Path dir;

  @Test
  void aMillionTaskRecordingIsInspectedWithinA256MiBHeap() throws Exception {
    Path jfr =
        Recordings.record(
            ManyTasksProgram.class, dir.resolve("million.jfr"), "512m", 600, "1000000");
    System.out.printf("recording: %,d bytes%n", Files.size(jfr));

    Result summary = inspect(jfr, "summary", "--no-color");
    assertThat(summary.status).as(summary.err).isZero();
    assertThat(summary.out).contains("Tasks: 1,001,001 seen", "FAILED             10");
    assertThat(summary.err).as("progress line on stderr").contains("\rreading million.jfr: ");

    Result tree = inspect(jfr, "tree", "--no-color", "--quiet");
    assertThat(tree.status).isZero();
    assertThat(tree.out.lines().count()).isLessThan(300);
    assertThat(tree.out)
        .contains("Task tree: 1,001,001 tasks")
        .containsPattern("task-\\d+  FAILED  .*IllegalArgumentExcept");
    assertThat(tree.err).isEmpty();

    Path page = dir.resolve("million.html");
    Result all = inspect(jfr, "all", "--html", page.toString(), "--no-color", "--quiet");
    assertThat(all.status).isZero();
    assertThat(Files.size(page)).isLessThan(5L << 20);

    Result json = inspect(jfr, "--json", "--quiet");
    assertThat(json.status).isZero();
    JsonValue.parse(json.out);

    System.out.printf(
        "inspect -Xmx256m on a million tasks: summary %.1f s, tree %.1f s, all+html %.1f s,"
            + " json %.1f s (wall)%n",
        summary.seconds, tree.seconds, all.seconds, json.seconds);
  }

  private static final class Result {
    int status;
    String out;
    String err;
    double seconds;
  }

  private Result inspect(Path jfr, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(InspectCommand.class.getName());
    command.add(jfr.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(600, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("inspect did not end in 600 s");
    }
    Result r = new Result();
    r.seconds = (System.nanoTime() - start) / 1e9;
    r.status = process.exitValue();
    r.out = Files.readString(out, StandardCharsets.UTF_8);
    r.err = Files.readString(err, StandardCharsets.UTF_8);
    return r;
  }
}
