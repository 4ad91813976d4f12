package dev.taskrt.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short soak: the server under load for 15 s after 5 s of warm-up, with and without the agent
 * side by side. Nothing unexpected happens on either side, every task the recording saw start
 * ended, live tasks come back to where they were, and the heap after GC does not grow beyond a
 * generous bound.
 */
class SoakIT {
  static final long HEAP_GROWTH_BOUND = 16L << 20;

  @Test
  void theServerUnderLoadLosesNothingAndLeaksNothing() throws Exception {
    SoakRun.Config config =
        new SoakRun.Config(
            Soak.classPath(),
            Soak.agentJar(),
            Soak.work().resolve("short"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            4);
    SoakRun.Report r = SoakRun.run(config);
    SoakRun.print(r, System.out);

    for (SoakRun.Side side : new SoakRun.Side[] {r.without(), r.with()}) {
      assertThat(side.load().unexpected())
          .as("unexpected errors: %s", side.load().counts())
          .isZero();
      assertThat(side.load().counts())
          .containsKeys("ok", "failed as asked (500)", "cancelled by client");
      assertThat(side.ended().status()).as("server's exit status").isZero();
      assertThat(side.ended().out()).anyMatch(l -> l.startsWith("at_exit: served "));
    }
    SoakRun.Side with = r.with();
    assertThat(with.ended().err().lines().filter(l -> l.startsWith("taskrt:")))
        .as("taskrt's messages")
        .isEmpty();
    assertThat(with.end().live()).as("live tasks at the end").isEqualTo(with.start().live());
    assertThat(with.end().heap() - with.start().heap())
        .as("heap growth after GC")
        .isLessThan(HEAP_GROWTH_BOUND);

    RecordingCheck rec = r.recording();
    assertThat(rec.neverEnded()).as("tasks started and never ended").isEmpty();
    assertThat(rec.started()).isEqualTo(rec.ended()).isPositive();
    assertThat(rec.outcomesByName().get("RequestHandler.handle").get("DONE"))
        .as("request tasks that ended DONE")
        .isGreaterThanOrEqualTo(with.load().counts().get("ok"));
    assertThat(rec.outcomesByName().get("Pricing.quote").get("FAILED"))
        .as("quote tasks that failed")
        .isGreaterThanOrEqualTo(with.load().counts().get("failed as asked (500)"));
  }

  /** Where the built pieces are. */
  static final class Soak {
    private Soak() {}

    static String classPath() {
      return property("taskrt.soak.classpath");
    }

    static Path agentJar() {
      return Path.of(property("taskrt.agent.jar"));
    }

    static Path work() {
      return Path.of(property("taskrt.soak.work"));
    }

    private static String property(String name) {
      String value = System.getProperty(name);
      if (value == null) {
        throw new IllegalStateException(name + " is not set: run the soak's tests through Maven");
      }
      return value;
    }
  }
}
