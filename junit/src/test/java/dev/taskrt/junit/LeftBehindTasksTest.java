package dev.taskrt.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Tests that must fail do: each fixture below runs on the Jupiter engine, and the checks read what
 * the engine reported for it.
 */
class LeftBehindTasksTest {
  private static EngineExecutionResults leftovers;

  /** The fixture {@link Leftovers}, run once for all the checks that read its results. */
  private static synchronized EngineExecutionResults leftovers() {
    if (leftovers == null) {
      leftovers = FixtureRun.of(Leftovers.class);
    }
    return leftovers;
  }

  @Test
  void aTaskStillRunningAtTheEndOfATestFailsItNamingTheTask() {
    Throwable failure = failureOf(leftovers(), "leavesATaskRunning");

    assertThat(failure)
        .hasMessageStartingWith("test task 'Leftovers.leavesATaskRunning' (#")
        .hasMessageContaining("1 task still running at its end:")
        .hasMessageMatching("(?s).*'Greeter\\.waitForever' \\(#\\d+, BLOCKED\\) - killed since.*");
  }

  @Test
  void aTaskLeftRunningIsKilledBeforeTheNextTest() {
    leftovers();

    assertThat(Leftovers.sleeper.state()).isEqualTo(TaskState.KILLED);
  }

  @Test
  void aFailedTaskNobodyJoinedFailsTheTestNamingTheTaskAndItsFailure() {
    Throwable failure = failureOf(leftovers(), "leavesAFailedTaskUnjoined");

    assertThat(failure)
        .hasMessageStartingWith("test task 'Leftovers.leavesAFailedTaskUnjoined' (#")
        .hasMessageContaining("1 task failed, never joined:")
        .hasMessageMatching(
            "(?s).*'Greeter\\.failLater' \\(#\\d+, FAILED\\): "
                + "java\\.lang\\.IllegalStateException: no mail server.*")
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no mail server");
  }

  @Test
  void testsThatJoinWhatTheyStartPass() {
    EngineExecutionResults results = leftovers();

    assertThat(succeeded(results)).containsExactlyInAnyOrder("joinsItsFailedTask", "joinsAll");
  }

  @Test
  void aLinkedTaskFailingKillsTheTestTaskAndFailsTheTest() {
    Throwable failure = failureOf(leftovers(), "failsThroughALinkedTask");

    assertThat(failure).isInstanceOf(dev.taskrt.TaskKilledError.class);
    assertThat(failure.getCause()).hasMessage("linked boom");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .hasMessageContaining("1 task failed, never joined:")
        .hasMessageContaining("'Greeter.failLinked' (#");
  }

  @Test
  void aTestsOwnFailureStaysItsFailureWithTheLeftoversSuppressed() {
    Throwable failure = failureOf(leftovers(), "failsItselfAndLeavesATask");

    assertThat(failure).hasMessage("the test's own failure");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .hasMessageContaining("still running at its end:")
        .hasMessageContaining("'Greeter.waitForever' (#");
  }

  @Test
  void optionsOtherThanTheAgentsFailTheClassSayingWhy() {
    EngineExecutionResults results = FixtureRun.of(AsksForOtherOptions.class);

    Throwable failure =
        results.containerEvents().failed().stream()
            .map(LeftBehindTasksTest::throwableOf)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the fixture class did not fail"));
    assertThat(failure)
        .hasMessageContaining("AsksForOtherOptions asks for taskrt options 'stackLimit=1m'")
        .hasMessageContaining("The agent is attached once per JVM");
    assertThat(results.testEvents().started().count()).isZero();
  }

  @Test
  void optionsEqualToTheAgentsLetTheClassRun() {
    EngineExecutionResults results = FixtureRun.of(AsksForTheAgentsOptions.class);

    assertThat(succeeded(results)).containsExactly("passes");
  }

  @Test
  void aFailingTestKillsTheTasksLinkedToItAndDoesNotReportThemAsLeftRunning() {
    Throwable failure = failureOf(leftovers(), "failsWithASupervisedChild");

    assertThat(failure).hasMessage("the test's own failure").hasNoSuppressedExceptions();
    assertThat(Leftovers.supervised.state()).isEqualTo(TaskState.KILLED);
  }

  // ---- fixtures: test classes meant to fail, run only through FixtureRun

  @ExtendWith({OnlyInTestKit.class, TaskrtExtension.class})
  static class Leftovers {
    static volatile TaskHandle<?> sleeper;
    static volatile TaskHandle<?> supervised;
    private final Greeter greeter = new Greeter();

    @Test
    void leavesATaskRunning() {
      TaskHandle<Void> waiting = greeter.waitForever();
      sleeper = waiting;
      await(() -> waiting.state() == TaskState.BLOCKED); // so the report's state is known
    }

    @Test
    void leavesAFailedTaskUnjoined() {
      TaskHandle<Void> mailer = greeter.failLater("no mail server");
      await(() -> mailer.state() == TaskState.FAILED); // ended, yet never joined
    }

    @Test
    void joinsItsFailedTask() {
      TaskHandle<Void> mailer = greeter.failLater("expected");
      assertThrows(TaskFailedException.class, mailer::join);
    }

    @Test
    void joinsAll() throws Exception {
      greeter.greetLater("ann").get();
      TaskHandle<String> worker = Tasks.builder().name("worker").spawn(() -> "done");
      assertThat(worker.join()).isEqualTo("done");
    }

    @Test
    void failsThroughALinkedTask() {
      greeter.failLinked("linked boom");
      Tasks.sleep(Duration.ofDays(1)); // the linked failure kills the test task here
    }

    @Test
    void failsItselfAndLeavesATask() {
      greeter.waitForever();
      fail("the test's own failure");
    }

    @Test
    void failsWithASupervisedChild() {
      TaskHandle<?> child =
          Tasks.builder().name("supervised").mode(SpawnMode.SUPERVISED).spawn(() -> sleepLong());
      supervised = child;
      await(() -> child.state() == TaskState.BLOCKED);
      fail("the test's own failure");
    }

    private static Void sleepLong() {
      Tasks.sleep(Duration.ofDays(1));
      return null;
    }

    private static void await(BooleanSupplier condition) {
      while (!condition.getAsBoolean()) {
        Tasks.sleep(Duration.ofMillis(1));
      }
    }
  }

  @ExtendWith({OnlyInTestKit.class, TaskrtExtension.class})
  @TaskrtOptions("stackLimit=1m")
  static class AsksForOtherOptions {
    @Test
    void wouldPass() {}
  }

  @ExtendWith({OnlyInTestKit.class, TaskrtExtension.class})
  @TaskrtOptions("stackLimit=512k")
  static class AsksForTheAgentsOptions {
    @Test
    void passes() {
      assertThat(Tasks.current().name()).isEqualTo("AsksForTheAgentsOptions.passes");
    }
  }

  // ---- reading the engine's report

  private static Throwable failureOf(EngineExecutionResults results, String method) {
    return results.testEvents().failed().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().equals(method + "()"))
        .map(LeftBehindTasksTest::throwableOf)
        .findFirst()
        .orElseThrow(() -> new AssertionError(method + " did not fail"));
  }

  private static java.util.List<String> succeeded(EngineExecutionResults results) {
    return results.testEvents().succeeded().stream()
        .map(e -> e.getTestDescriptor().getDisplayName().replace("()", ""))
        .toList();
  }

  private static Throwable throwableOf(Event event) {
    return event
        .getRequiredPayload(TestExecutionResult.class)
        .getThrowable()
        .orElseThrow(() -> new AssertionError("no throwable in " + event));
  }
}
