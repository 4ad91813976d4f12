package dev.taskrt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Kernel;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A test class as a user writes it: the extension and nothing in the build's surefire settings. The
 * options below are the only {@code @TaskrtOptions} of this module's tests, so the agent is
 * attached with them.
 */
@ExtendWith(TaskrtExtension.class)
@TaskrtOptions("stackLimit=512k")
class TaskrtExtensionTest {
  private final Greeter greeter = new Greeter();

  @Test
  void testMethodRunsAsATaskNamedAfterTheTest() {
    TaskHandle<?> self = Tasks.current();

    assertThat(self.name()).isEqualTo("TaskrtExtensionTest.testMethodRunsAsATaskNamedAfterTheTest");
    assertThat(self.parent()).isEmpty();
  }

  @Test
  void spawnMethodOfCodeUnderTestRunsAsAChildTaskOfTheTest() throws Exception {
    String greeting = greeter.greetLater("ann").get();

    assertThat(greeting)
        .isEqualTo(
            "hello ann from task Greeter.greetLater, child of"
                + " TaskrtExtensionTest.spawnMethodOfCodeUnderTestRunsAsAChildTaskOfTheTest");
  }

  @Test
  void taskMethodOfCodeUnderTestRunsAsASynchronousChildTask() {
    assertThat(greeter.greetNow("bob"))
        .isEqualTo(
            "hello bob from task Greeter.greetNow, child of"
                + " TaskrtExtensionTest.taskMethodOfCodeUnderTestRunsAsASynchronousChildTask");
  }

  @Test
  void runtimeIsLoadedByTheBootstrapLoaderSoThereIsOneKernel() {
    assertThat(Tasks.class.getClassLoader()).isNull();
    assertThat(Kernel.class.getClassLoader()).isNull();
  }

  /**
   * JUnit reads every method signature of a test class while discovering tests, which loads the
   * types named there. The agent is attached before that, so those are still the bootstrap-loaded
   * runtime types, and a class under test named there still gets its {@code @Spawn} rewrite (which
   * a class loaded before the attach could not get).
   */
  @Test
  void typesNamedInTestMethodSignaturesLoadAfterTheAgent() throws Exception {
    TaskHandle<?> self = currentTask();

    assertThat(self.getClass().getClassLoader()).isNull();
    assertThat(greetLaterThrough(new Greeter()))
        .isEqualTo(
            "hello cy from task Greeter.greetLater, child of"
                + " TaskrtExtensionTest.typesNamedInTestMethodSignaturesLoadAfterTheAgent");
  }

  private static TaskHandle<?> currentTask() {
    return Tasks.current();
  }

  private static String greetLaterThrough(Greeter greeter) throws Exception {
    return greeter.greetLater("cy").get();
  }

  @Test
  void optionsFromJunitPlatformPropertiesReachTheAgent() {
    assertThat(Kernel.config("stackLimit")).isEqualTo(Optional.of("512k"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one", "two"})
  void eachInvocationOfAParameterizedTestRunsAsATask(String word) {
    assertThat(Tasks.current().name())
        .isEqualTo("TaskrtExtensionTest.eachInvocationOfAParameterizedTestRunsAsATask");
    assertThat(greeter.greetNow(word)).startsWith("hello " + word + " from task Greeter.greetNow");
  }
}
