package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.inspect.programs.BoundaryProgram;
import dev.taskrt.inspect.programs.WeakEndsAfterLastStatsProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What inspect says must match what happened, on real recordings: a failure stopped at a
 * {@code @Boundary} is shown with the task's real outcome and where it was caught, and the
 * summary's live count agrees with the tasks that ended after the kernel's last report.
 */
class ShutdownTruthTest {
  @TempDir Path dir;

  @Test
  void aFailureCaughtAtABoundaryShowsTheTasksRealOutcomeAndTheBoundary() throws Exception {
    Path jfr = Recordings.record(BoundaryProgram.class, dir.resolve("boundary.jfr"), "128m", 120);
    BoundaryViews.assertShown(jfr);
  }

  @Test
  void theSummaryCountsTasksThatEndedAfterTheLastKernelStats() throws Exception {
    // KernelStats only when the kernel writes one itself (at the end of its shutdown), not
    // periodically, so the last report is the one taken while poller still unwinds.
    Path settings = dir.resolve("stats-at-shutdown-only.jfc");
    Files.writeString(
        settings,
        Files.readString(Recordings.settings())
            .replace(
                "<setting name=\"period\">everyChunk</setting>",
                "<setting name=\"period\">1 h</setting>"));
    Path jfr =
        Recordings.recordWith(
            settings, WeakEndsAfterLastStatsProgram.class, dir.resolve("weak.jfr"), "128m", 120);
    Inspected tree = Inspected.run(jfr.toString(), "tree", "--no-color");
    assertThat(tree.out()).containsPattern("poller #\\d+  KILLED");

    Inspected summary = Inspected.run(jfr.toString(), "summary", "--no-color");
    assertThat(summary.status()).as(summary.err()).isZero();
    List<String> lines = summary.out().lines().collect(Collectors.toList());
    int report = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("  at the last KernelStats")) {
        report = i;
      }
    }
    assertThat(report).as(summary.out()).isNotNegative();
    assertThat(lines.get(report)).endsWith(": 1 live (0 strong, 1 weak)");
    assertThat(lines.get(report + 1))
        .isEqualTo("  after it: 1 ended, 0 started; 0 live at the end of the recording");

    Object json = JsonValue.parse(Inspected.run(jfr.toString(), "summary", "--json").out());
    Map<String, Object> stats = JsonValue.object(JsonValue.at(json, "summary", "kernel"));
    assertThat(stats.get("liveTasks")).isEqualTo(1.0);
    assertThat(stats.get("endedAfter")).isEqualTo(1.0);
    assertThat(stats.get("liveAtEnd")).isEqualTo(0.0);
  }
}
