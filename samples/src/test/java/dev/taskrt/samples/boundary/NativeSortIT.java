package dev.taskrt.samples.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.JniLibrary;
import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the sample's JNI library with gcc, then runs the sample; fails, naming the package to
 * install, when gcc is missing (never skips).
 */
class NativeSortIT {
  private static final String MAIN = NativeSort.class.getName();
  private static final Path LIBRARY_DIR = JniLibrary.DIR;

  @BeforeAll
  static void buildTheNativeLibrary() throws Exception {
    JniLibrary.build("boundary", "native_sort.c", "nativesort");
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
