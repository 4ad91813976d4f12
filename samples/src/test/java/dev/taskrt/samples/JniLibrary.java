package dev.taskrt.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a sample's JNI library with gcc into {@link #DIR}; fails, naming the package to install,
 * when gcc is missing (never skips: {@code ./taskrt test} installs gcc).
 */
public final class JniLibrary {
  /** Where the libraries go: the samples' {@code -Djava.library.path}. */
  public static final Path DIR = SampleJvm.WORK.resolve("native");

  private JniLibrary() {}

  /**
   * Compiles {@code source} (a file of the samples' native sources) into {@code lib<name>.so}.
   *
   * @param sample the sample's name, for messages
   */
  public static void build(String sample, String source, String name) throws Exception {
    Path sourceFile = Path.of(System.getProperty("taskrt.samples.native"), source);
    Path javaHome = Path.of(System.getProperty("java.home"));
    assertThat(javaHome.resolve("include/jni.h"))
        .as("JNI headers (the %s sample needs a JDK, not a JRE)", sample)
        .isRegularFile();
    Files.createDirectories(DIR);
    List<String> gcc =
        List.of(
            "gcc",
            "-shared",
            "-fPIC",
            "-O2",
            "-I" + javaHome.resolve("include"),
            "-I" + javaHome.resolve("include/linux"),
            "-o",
            DIR.resolve("lib" + name + ".so").toString(),
            sourceFile.toString());
    Process process;
    try {
      process = new ProcessBuilder(gcc).redirectErrorStream(true).start();
    } catch (java.io.IOException noCompiler) {
      throw new AssertionError(
          "gcc is needed to build the "
              + sample
              + " sample's JNI library (scripts/test-tools.sh installs it for ./taskrt test):"
              + " apt-get update && apt-get install -y gcc",
          noCompiler);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gcc ended").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("gcc: %s", output).isZero();
  }
}
