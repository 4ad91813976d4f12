package dev.taskrt.inspect;

import static dev.taskrt.inspect.JsonValue.array;
import static dev.taskrt.inspect.JsonValue.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskrt.inspect.programs.StackProgram;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stacks view and the foreign-call figures on a real run of {@link StackProgram}, whose frames
 * call the runtime's frame entry points as the agent's rewritten code does.
 */
class StacksViewTest {
  @TempDir static Path dir;
  static Path jfr;

  @BeforeAll
  static void record() throws Exception {
    jfr = Recordings.record(StackProgram.class, dir.resolve("stacks.jfr"), "128m", 120);
  }

  @Test
  void tasksAreListedByStackHighWaterWithTheirDeepestSegmentCrossing() {
    Object json = JsonValue.parse(Inspected.run(jfr.toString(), "stacks", "--json").out());
    assertThat(array(at(json, "stacks", "tasks")))
        .extracting(
            t -> at(t, "taskName"),
            t -> at(t, "highWaterBytes"),
            t -> at(t, "segmentsCrossed"),
            t -> at(t, "outcome"))
        .containsExactly(
            tuple("deep-parser", 153_600.0, 2.0, "DONE"),
            tuple("bounded", 32_768.0, 0.0, "FAILED"),
            tuple("shallow", 5_120.0, 0.0, "DONE"));
    assertThat(at(json, "stacks", "tasks", 0, "deepestCrossing", "method"))
        .isEqualTo("Parser.parseValue");
    // the second 64 KiB boundary is crossed entering level 256 (256 x 512 bytes = 128 KiB)
    assertThat(at(json, "stacks", "tasks", 0, "deepestCrossing", "depth")).isEqualTo(256.0);

    Inspected text = Inspected.run(jfr.toString(), "stacks", "--no-color");
    assertThat(text.out())
        .contains("Stacks: 3 task(s) measured, 2 segment crossing(s)")
        .containsPattern("150 KiB +2 +DONE +deep-parser #\\d+")
        .contains("Parser.parseValue (depth 256, 128 KiB)")
        .containsPattern("32.0 KiB +0 +FAILED +bounded #\\d+");
  }

  @Test
  void summaryShowsStackUseAndForeignCalls() {
    Inspected text = Inspected.run(jfr.toString(), "--no-color");
    assertThat(text.out()).containsPattern("max 150 KiB \\(deep-parser #\\d+\\)");
    assertThat(text.out()).contains("foreign calls Native.qsort: 1, total ");
    Object json = JsonValue.parse(Inspected.run(jfr.toString(), "summary", "--json").out());
    assertThat(at(json, "summary", "foreignCalls", 0, "method")).isEqualTo("Native.qsort");
    assertThat(at(json, "summary", "stackHighWater", "maxBytes")).isEqualTo(153_600.0);
    Object failures = JsonValue.parse(Inspected.run(jfr.toString(), "failures", "--json").out());
    assertThat((String) at(failures, "failures", "failures", 0, "exceptionClass"))
        .isEqualTo("dev.taskrt.StackLimitExceededError");
  }
}
