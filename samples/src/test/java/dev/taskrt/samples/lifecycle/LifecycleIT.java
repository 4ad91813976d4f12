package dev.taskrt.samples.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.samples.SampleJvm;
import dev.taskrt.samples.SampleJvm.Result;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

class LifecycleIT {
  private static final String MAIN = Lifecycle.class.getName();

  @Test
  void systemExitStopsTheWorkersThenRunsAtExitThenKillsTheFlusherAndKeepsTheStatus()
      throws Exception {
    Result run = SampleJvm.named("lifecycle-exit").run(MAIN, "exit").assertStatus(3);

    assertThat(run.outLines()).contains("main: 4 strong tasks, 1 weak", "main: System.exit(3)");
    assertOrderlyEnd(run.outLines(), run.out(), true);
    RecordedEvent shutdown = onlyShutdown(run);
    assertThat(shutdown.getString("trigger")).isEqualTo("SYSTEM_EXIT");
    assertThat(shutdown.getInt("exitStatus")).isEqualTo(3);
    assertShutdownCounts(shutdown, 3);
    assertTimeline(run, true);
  }

  @Test
  void sigtermEndsTheSameWayWithStatus143() throws Exception {
    Result run =
        SampleJvm.named("lifecycle-sigterm")
            .runUntilReady(MAIN, process -> process.toHandle().destroy(), "sigterm")
            .assertStatus(143);

    assertThat(run.outLines()).contains("ready").doesNotContain("main: no SIGTERM came");
    assertOrderlyEnd(run.outLines(), run.out(), true);
    RecordedEvent shutdown = onlyShutdown(run);
    assertThat(shutdown.getString("trigger")).isEqualTo("SIGNAL");
    assertShutdownCounts(shutdown, 4);
    assertTimeline(run, false);
  }

  private static void assertOrderlyEnd(List<String> lines, String out, boolean weakLast) {
    int lastWorker = lines.lastIndexOf("worker: stopped, partial work saved");
    int closeLog = lines.indexOf("at_exit close-log: log closed");
    int report =
        lines.indexOf(
            "at_exit report: workers stopped, flusher " + (weakLast ? "still running" : "gone"));
    int flusher = lines.indexOf("flusher: killed last, final flush");
    assertThat(lines.stream().filter(l -> l.startsWith("worker: stopped")).count())
        .as(out)
        .isEqualTo(3);
    assertThat(closeLog).as(out).isGreaterThan(lastWorker);
    assertThat(report).as(out).isGreaterThan(lastWorker);
    assertThat(flusher).as(out).isGreaterThan(lastWorker);
    if (weakLast) {
      assertThat(flusher).as(out).isGreaterThan(Math.max(closeLog, report));
    }
  }

  private static RecordedEvent onlyShutdown(Result run) throws Exception {
    List<RecordedEvent> shutdowns = run.events("taskrt.Shutdown");
    assertThat(shutdowns).hasSize(1);
    return shutdowns.get(0);
  }

  /**
   * The three workers are killed; on SIGTERM main, a strong task too, is killed with them, while
   * {@code System.exit} runs on main's own thread, which is not waited for.
   */
  private static void assertShutdownCounts(RecordedEvent shutdown, int strongKilled) {
    assertThat(shutdown.getInt("strongKilled")).isEqualTo(strongKilled);
    assertThat(shutdown.getInt("atExitRun")).isEqualTo(2);
    assertThat(shutdown.getInt("atExitFailed")).isZero();
    assertThat(shutdown.getInt("weakKilled")).isEqualTo(1);
    assertThat(shutdown.getInt("abandoned")).isZero();
  }

  /** The recording tells the same story: workers end KILLED, then at_exit, then the flusher. */
  private static void assertTimeline(Result run, boolean weakLast) throws Exception {
    List<RecordedEvent> workers = run.taskEnds("worker");
    assertThat(workers).extracting(e -> e.getString("outcome")).containsOnly("KILLED").hasSize(3);
    List<RecordedEvent> atExit = run.events("taskrt.AtExit");
    assertThat(atExit).extracting(e -> e.getString("outcome")).containsOnly("DONE").hasSize(2);
    RecordedEvent flusher = run.taskEnds("flusher").get(0);
    assertThat(flusher.getString("outcome")).isEqualTo("KILLED");
    assertThat(flusher.getBoolean("weak")).isTrue();
    for (RecordedEvent worker : workers) {
      for (RecordedEvent handler : atExit) {
        assertThat(worker.getEndTime()).isBeforeOrEqualTo(handler.getStartTime());
      }
    }
    if (weakLast) {
      for (RecordedEvent handler : atExit) {
        assertThat(handler.getEndTime()).isBeforeOrEqualTo(flusher.getEndTime());
      }
    }
  }
}
