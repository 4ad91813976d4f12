package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes recordings by running real programs in a child JVM (java from {@code java.home}, this test
 * JVM's class path, so the runtime-api classes and the test programs) with {@code
 * -XX:StartFlightRecording} and the test settings that turn every taskrt event on.
 */
final class Recordings {
  private Recordings() {}

  /**
   * The settings file with every taskrt event enabled: the resource itself when it is a file, else
   * (run from inspect's test jar) a copy of it in a temporary file.
   */
  static Path settings() {
    try {
      java.net.URL resource = Recordings.class.getResource("/taskrt-all.jfc");
      if ("file".equals(resource.getProtocol())) {
        return Path.of(resource.toURI());
      }
      Path copy = java.nio.file.Files.createTempFile("taskrt-all", ".jfc");
      copy.toFile().deleteOnExit();
      try (java.io.InputStream in = resource.openStream()) {
        java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return copy;
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code main} with a recording to {@code jfr}; fails the test if the JVM fails. */
  static Path record(Class<?> main, Path jfr, String heap, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    return recordWith(settings(), main, jfr, heap, timeoutSeconds, args);
  }

  /** As {@link #record}, with the JFR settings file {@code settings}. */
  static Path recordWith(
      Path settings, Class<?> main, Path jfr, String heap, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add(
        "-XX:StartFlightRecording=filename=" + jfr + ",settings=" + settings + ",dumponexit=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path log = Files.createTempFile(jfr.getParent(), "run", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          main.getSimpleName()
              + " did not end in "
              + timeoutSeconds
              + " s:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    assertThat(process.exitValue())
        .as("exit status of %s; output:%n%s", main.getSimpleName(), Files.readString(log))
        .isZero();
    assertThat(jfr).exists();
    return jfr;
  }
}
