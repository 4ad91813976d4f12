package dev.taskrt.samples.deepnative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.JniLibrary;
import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the deep-native sample's JNI library with gcc and runs the sample: under the agent the
 * deep C recursion runs on a 16 MiB stack of its own, and the same call on the caller's stack is
 * refused before native code runs; without the agent the same program dies of the overflow.
 */
class DeepNativeIT {
  private static final String MAIN = DeepNative.class.getName();
  private static final Path LIBRARY_DIR = JniLibrary.DIR;

  @BeforeAll
  static void buildTheNativeLibrary() throws Exception {
    JniLibrary.build("deep-native", "deep_native.c", "deepnative");
  }

  @Test
  void underTheAgentTheDeepCallRunsOnItsOwnStackAndTheUncheckedOneIsRefusedCleanly()
      throws Exception {
    Result run =
        SampleJvm.named("deep-native")
            .jvmOption("-Djava.library.path=" + LIBRARY_DIR)
            .run(MAIN)
            .assertStatus(0);
    List<String> lines = run.outLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("walked 4000 levels in C on a 16m stack, checksum ");
    assertThat(lines.get(1))
        .isEqualTo("the call's own exception came back unwrapped: levels must be >= 0, was -1");
    assertThat(lines.get(2))
        .startsWith("refused before the native call: task 'deep-native'")
        .contains("-byte thread stack left, less than the 6291456 bytes foreign call")
        .contains("DeepNative.walkHere");
    assertThat(lines.get(3)).isEqualTo("still running");
    assertThat(run.events("taskrt.ForeignCall"))
        .extracting(e -> e.getString("method") + " " + e.getString("taskName"))
        .containsExactly(
            "DeepNative.walkOnBigStack deep-native", "DeepNative.walkOnBigStack deep-native");
    assertThat(run.taskEnds("deep-native"))
        .extracting(e -> e.getString("outcome"))
        .containsExactly("DONE");
  }

  @Test
  void withoutTheAgentTheSameCallOverflowsInNativeCodeAndEndsTheJvm() throws Exception {
    Path errorFile = SampleJvm.WORK.resolve("deep-native-hs_err.log");
    Result run =
        SampleJvm.named("deep-native-no-agent")
            .withoutAgent()
            .jvmOption("-Djava.library.path=" + LIBRARY_DIR)
            .jvmOption("-XX:ErrorFile=" + errorFile)
            .jvmOption("-XX:-CreateCoredumpOnCrash")
            .run(MAIN);
    assertThat(run.status()).as(run.err()).isNotZero();
    assertThat(run.out()).doesNotContain("still running");
  }
}
