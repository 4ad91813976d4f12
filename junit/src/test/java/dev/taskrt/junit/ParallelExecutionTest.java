package dev.taskrt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Tasks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** With JUnit's parallel execution on, each test still runs as its own task and sees its own. */
class ParallelExecutionTest {
  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  @Test
  void testsRunningAtTheSameTimeEachRunAsTheirOwnTask() {
    EngineExecutionResults results = FixtureRun.of(AtTheSameTime.class, PARALLEL);

    List<String> succeeded =
        results.testEvents().succeeded().stream()
            .map(e -> e.getTestDescriptor().getDisplayName())
            .toList();
    assertThat(succeeded).containsExactlyInAnyOrder("first()", "second()", "third()");
    assertThat(results.testEvents().failed().stream())
        .singleElement()
        .satisfies(e -> assertThat(e.getTestDescriptor().getDisplayName()).isEqualTo("leaks()"));
  }

  @ExtendWith({OnlyInTestKit.class, TaskrtExtension.class})
  static class AtTheSameTime {
    /** Four tests pass it together, so none gets past it unless all four run at once. */
    private static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(4);

    private final Greeter greeter = new Greeter();

    @Test
    void first() throws Exception {
      seesItsOwnTask("first");
    }

    @Test
    void second() throws Exception {
      seesItsOwnTask("second");
    }

    @Test
    void third() throws Exception {
      seesItsOwnTask("third");
    }

    @Test
    void leaks() throws Exception {
      ALL_RUNNING.await(1, TimeUnit.MINUTES);
      greeter.waitForever(); // only this test fails for it
    }

    private void seesItsOwnTask(String method) throws Exception {
      ALL_RUNNING.await(1, TimeUnit.MINUTES); // a bound, so that a serial run fails, not hangs
      String test = "AtTheSameTime." + method;
      assertThat(Tasks.current().name()).isEqualTo(test);
      assertThat(greeter.greetLater(method).get()).endsWith("child of " + test);
      assertThat(greeter.greetNow(method)).endsWith("child of " + test);
    }
  }
}
