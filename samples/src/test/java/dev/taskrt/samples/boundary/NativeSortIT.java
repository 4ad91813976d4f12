package dev.taskrt.samples.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the sample's JNI library with gcc, then runs the sample; fails, naming the package to
 * install, when gcc is missing (never skips).
 */
class NativeSortIT {
  private static final String MAIN = NativeSort.class.getName();
  private static final Path LIBRARY_DIR = SampleJvm.WORK.resolve("native");

  @BeforeAll
  static void buildTheNativeLibrary() throws Exception {
    Path source = Path.of(System.getProperty("taskrt.samples.native"), "native_sort.c");
    Path javaHome = Path.of(System.getProperty("java.home"));
    assertThat(javaHome.resolve("include/jni.h"))
        .as("JNI headers (the boundary sample needs a JDK, not a JRE)")
        .isRegularFile();
    Files.createDirectories(LIBRARY_DIR);
    List<String> gcc =
        List.of(
            "gcc",
            "-shared",
            "-fPIC",
            "-O2",
            "-I" + javaHome.resolve("include"),
            "-I" + javaHome.resolve("include/linux"),
            "-o",
            LIBRARY_DIR.resolve("libnativesort.so").toString(),
            source.toString());
    Process process;
    try {
      process = new ProcessBuilder(gcc).redirectErrorStream(true).start();
    } catch (java.io.IOException noCompiler) {
      throw new AssertionError(
          "gcc is needed to build the boundary sample's JNI library (scripts/test-tools.sh installs"
              + " it for ./taskrt test): apt-get update && apt-get install -y gcc",
          noCompiler);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gcc ended").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("gcc: %s", output).isZero();
  }

  @Test
  void underTheAgentTheBoundaryKeepsTheFailureOutOfQsortAndTheProgramGoesOn() throws Exception {
    Result run =
        SampleJvm.named("boundary")
            .jvmOption("-Djava.library.path=" + LIBRARY_DIR)
            .run(MAIN)
            .assertStatus(0);

    assertThat(run.outLines()).hasSize(3);
    assertThat(run.outLines().get(0)).startsWith("[42, 7, 19, 3, 28] -> [3, 7, 19, 28, 42] (");
    assertThat(run.outLines().get(1)).startsWith("[42, 7, -1, 3, 28] -> [");
    assertThat(run.outLines().get(2)).isEqualTo("still running after both batches");
    assertThat(run.err())
        .contains(
            "taskrt: @Boundary NativeSort.compare stopped java.lang.IllegalArgumentException:"
                + " corrupt reading -1 in task 'sort-batch'");
    assertThat(run.events("taskrt.TaskFailure"))
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getString("taskName")).isEqualTo("sort-batch");
              assertThat(e.getString("message")).isEqualTo("corrupt reading -1");
            });
    assertThat(run.events("taskrt.ForeignCall"))
        .extracting(e -> e.getString("method"))
        .containsExactly("NativeSort.sortNatively", "NativeSort.sortNatively");
    assertThat(run.taskEnds("sort-batch"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE", "DONE");
  }

  @Test
  void withoutTheAgentTheExceptionIsLeftPendingInNativeCodeAndEndsTheProgram() throws Exception {
    Result run =
        SampleJvm.named("boundary-without-agent")
            .withoutAgent()
            .jvmOption("-Xcheck:jni")
            .jvmOption("-Djava.library.path=" + LIBRARY_DIR)
            .run(MAIN)
            .assertStatus(1);

    assertThat(run.outLines()).doesNotContain("still running after both batches");
    // -Xcheck:jni writes its warnings to standard output, the uncaught exception goes to errors.
    assertThat(run.out()).contains("JNI call made with exception pending");
    assertThat(run.err()).contains("java.lang.IllegalArgumentException: corrupt reading -1");
  }
}
