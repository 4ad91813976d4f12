package dev.taskrt.inspect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Tasks by outcome and scheduler, run-time percentiles, stack, allocation, pipes, kernel counts.
 */
final class SummaryView implements View {
  private static final String[] OUTCOMES = {"DONE", "FAILED", "KILLED"};
  private static final double[] PERCENTILES = {0.5, 0.9, 0.99, 0.999};
  private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9"};
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Recording rec;
  private final long running;

  SummaryView(Recording rec) {
    this.rec = rec;
    long withoutEnd = rec.tasks.complete() ? rec.stillRunning() : rec.taskStarts - rec.taskEnds;
    this.running = Math.max(0, withoutEnd);
  }

  @Override
  public String name() {
    return "summary";
  }

  private long linkedKills() {
    return rec.linked.stream().map(Recording.Linked::taskId).distinct().count();
  }

  private long doubleFailures() {
    return rec.unwinds.stream().filter(Recording.Unwind::doubleFailure).count();
  }

  @Override
  public void text(TextOut out) {
    out.heading("taskrt recording " + rec.file.getFileName());
    out.line(
        "  "
            + WHEN.format(Instant.ofEpochSecond(0, rec.origin()))
            + ", "
            + Format.duration(rec.span())
            + " of taskrt events, "
            + Format.bytes(rec.headers.fileBytes)
            + " in "
            + rec.headers.chunks
            + (rec.headers.chunks == 1 ? " chunk" : " chunks"));
    out.blank();
    long ended = rec.taskEnds;
    out.heading("Tasks: " + Format.count(Math.max(rec.taskStarts, ended)) + " seen");
    for (int i = 0; i < OUTCOMES.length; i++) {
      long n = rec.outcomes[i + 1];
      out.line(
          "  "
              + Format.pad(out.outcome(OUTCOMES[i]), OUTCOMES[i].length())
              + " ".repeat(9 - OUTCOMES[i].length())
              + Format.padLeft(Format.count(n), 12)
              + "  "
              + Format.padLeft(Format.percent(n, ended + running), 6));
    }
    if (running > 0) {
      out.line(
          "  "
              + out.outcome("RUNNING")
              + "  "
              + Format.padLeft(Format.count(running), 12)
              + "  no TaskEnd: still running when the recording ended");
    }
    if (!rec.tasks.complete()) {
      out.line(
          out.dim(
              "  (tree and timeline keep "
                  + Format.count(rec.tasks.size())
                  + " tasks; every task is counted here)"));
    }
    out.blank();
    out.heading("By scheduler              DONE     FAILED     KILLED");
    for (Map.Entry<String, long[]> e : rec.outcomesByScheduler.entrySet()) {
      long[] c = e.getValue();
      out.line(
          "  "
              + Format.pad(Format.fit(e.getKey(), 20), 20)
              + Format.padLeft(Format.count(c[1]), 10)
              + Format.padLeft(Format.count(c[2]), 11)
              + Format.padLeft(Format.count(c[3]), 11));
    }
    out.blank();
    out.heading("Run time of ended tasks");
    StringBuilder p = new StringBuilder("  ");
    for (int i = 0; i < PERCENTILES.length; i++) {
      p.append(PERCENTILE_NAMES[i])
          .append(' ')
          .append(Format.duration(rec.durations.percentile(PERCENTILES[i])))
          .append("   ");
    }
    out.line(p.toString().stripTrailing());
    if (rec.durations.count() > 0) {
      out.line(
          "  max "
              + Format.duration(rec.durations.max())
              + " ("
              + Format.fit(Format.task(rec.maxDurationName, rec.maxDurationTask), 50)
              + ")");
    }
    out.blank();
    out.heading("Stack and allocation");
    if (rec.highWaters.count() > 0) {
      out.line(
          "  stack high water  p50 "
              + Format.bytes(rec.highWaters.percentile(0.5))
              + "  p99 "
              + Format.bytes(rec.highWaters.percentile(0.99))
              + "  max "
              + Format.bytes(rec.highWaters.max())
              + " ("
              + Format.fit(Format.task(rec.maxHighWaterName, rec.maxHighWaterTask), 24)
              + ")");
    } else {
      out.line("  stack high water  none measured (no instrumented frames ran in tasks)");
    }
    out.line("  segments crossed  " + Format.count(rec.segmentEvents) + " StackSegment event(s)");
    if (rec.allocations.count() > 0) {
      out.line(
          "  allocated         total "
              + Format.bytes(rec.allocations.sum())
              + "  p50 "
              + Format.bytes(rec.allocations.percentile(0.5))
              + "  max "
              + Format.bytes(rec.allocations.max())
              + " ("
              + Format.fit(Format.task(rec.maxAllocatedName, rec.maxAllocatedTask), 20)
              + ")");
    } else {
      out.line("  allocated         not measured");
    }
    out.blank();
    out.heading("Kernel, pipes and foreign calls");
    Recording.KernelStats stats = rec.lastStats;
    if (stats != null) {
      out.line(
          "  at the last KernelStats ("
              + Format.offset(stats.time() - rec.origin())
              + "): "
              + stats.liveTasks()
              + " live ("
              + stats.strongTasks()
              + " strong, "
              + stats.weakTasks()
              + " weak)");
      AfterLastStats after = AfterLastStats.of(rec, stats);
      if (after.ended() > 0 || after.started() > 0) {
        out.line(
            "  after it: "
                + after.ended()
                + " ended, "
                + after.started()
                + " started; "
                + after.liveAtEnd(stats)
                + " live at the end of the recording"
                + (rec.tasks.overflow() > 0 ? " (tasks without a row not counted)" : ""));
      }
      out.line(
          "  messages in flight: "
              + Format.count(stats.messagesInFlight())
              + " (at most "
              + Format.count(rec.maxMessagesInFlight)
              + "); started "
              + Format.count(stats.tasksStarted())
              + ", failed "
              + Format.count(stats.tasksFailed())
              + ", killed "
              + Format.count(stats.tasksKilled()));
    } else {
      out.line("  no KernelStats events (periodic; enable taskrt.KernelStats)");
    }
    liveSnapshots(out);
    timed(out, "pipe waits", rec.pipeWaitsByOperation);
    timed(out, "foreign calls", rec.foreignByMethod);
    out.blank();
    out.heading("Tasks by scheduler");
    if (rec.schedulerSeries.isEmpty()) {
      out.line("  no SchedulerStats events (periodic; enable taskrt.SchedulerStats)");
    }
    for (Map.Entry<String, SchedulerSeries> e : rec.schedulerSeries.entrySet()) {
      SchedulerSeries series = e.getValue();
      out.line(
          Format.fit(
              "  "
                  + String.format("%-16s", e.getKey())
                  + " started "
                  + Format.count(series.tasksStarted)
                  + ", live at most "
                  + Format.count(series.peakLive)
                  + ", at the last report "
                  + Format.count(series.lastLive)
                  + "  "
                  + sparkline(series),
              TextOut.WIDTH));
    }
    out.blank();
    out.heading("Failures and exit");
    out.line(
        "  "
            + rec.failures.size()
            + " task failure(s), "
            + linkedKills()
            + " task(s) killed by a linked failure, "
            + doubleFailures()
            + " double failure(s)");
    if (rec.shutdowns.isEmpty()) {
      out.line("  no Shutdown event in the recording");
    } else {
      Recording.Shutdown s = rec.shutdowns.get(0);
      out.line(
          "  shutdown: "
              + s.trigger()
              + ", exit status "
              + s.exitStatus()
              + ", "
              + s.atExitRun()
              + " at_exit handler(s) run, "
              + s.atExitFailed()
              + " failed");
    }
    if (rec.droppedEvents > 0) {
      out.line(out.dim("  (" + Format.count(rec.droppedEvents) + " rare events over the caps)"));
    }
    out.line(out.dim("  more: tree, failures, stacks, exit views; --html FILE for a page"));
  }

  /** Snapshots of the live tasks, when {@code top} watched during the recording. */
  private void liveSnapshots(TextOut out) {
    Recording.LiveTasks live = rec.lastLive;
    if (live == null) {
      return;
    }
    StringBuilder waits = new StringBuilder();
    if (live.snapshot() == rec.liveRowsSnapshot) {
      for (Map.Entry<String, Long> e : rec.liveRowsByWait.entrySet()) {
        waits.append(waits.length() == 0 ? " (" : ", ").append(e.getKey()).append(' ');
        waits.append(e.getValue());
      }
      if (waits.length() > 0) {
        waits.append(')');
      }
    }
    out.line(
        "  live-task snapshots: "
            + Format.count(rec.liveSnapshots)
            + " (taken while top watched); the last at "
            + Format.offset(live.time() - rec.origin())
            + ":");
    out.line(
        Format.fit(
            "    "
                + live.liveTasks()
                + " live: "
                + live.running()
                + " running, "
                + live.blocked()
                + " blocked"
                + waits
                + ", "
                + live.foreign()
                + " foreign, "
                + live.unwinding()
                + " unwinding",
            TextOut.WIDTH));
  }

  /** Live tasks over time as a row of block characters, the scale from 0 to the peak. */
  static String sparkline(SchedulerSeries series) {
    final String blocks = " ▁▂▃▄▅▆▇█";
    int width = Math.min(24, series.size());
    StringBuilder line = new StringBuilder(width);
    for (int c = 0; c < width; c++) {
      int from = (int) ((long) c * series.size() / width);
      int to = (int) ((long) (c + 1) * series.size() / width);
      long most = 0;
      for (int i = from; i < Math.max(to, from + 1); i++) {
        most = Math.max(most, series.live(i));
      }
      int level =
          series.peakLive == 0 ? 0 : (int) Math.round(8.0 * most / (double) series.peakLive);
      line.append(blocks.charAt(level));
    }
    return line.toString();
  }

  private static void timed(TextOut out, String what, Map<String, Recording.Timed> byKey) {
    if (byKey.isEmpty()) {
      out.line("  " + what + ": none recorded");
      return;
    }
    for (Map.Entry<String, Recording.Timed> e : byKey.entrySet()) {
      Recording.Timed t = e.getValue();
      out.line(
          Format.fit(
              "  "
                  + what
                  + " "
                  + e.getKey()
                  + ": "
                  + Format.count(t.count)
                  + ", total "
                  + Format.duration(t.totalNanos)
                  + ", longest "
                  + Format.duration(t.maxNanos)
                  + (t.failures > 0 ? ", " + t.failures + " failed" : ""),
              TextOut.WIDTH));
    }
  }

  @Override
  public void json(Json j) {
    j.beginObject();
    j.field("file", rec.file.toString());
    j.field("fileBytes", rec.headers.fileBytes);
    j.field("chunks", rec.headers.chunks);
    j.field("start", Instant.ofEpochSecond(0, rec.origin()).toString());
    j.millis("spanMs", rec.span());
    j.name("tasks").beginObject();
    j.field("seen", Math.max(rec.taskStarts, rec.taskEnds));
    j.field("started", rec.taskStarts);
    j.field("ended", rec.taskEnds);
    j.field("done", rec.outcomes[TaskTable.DONE]);
    j.field("failed", rec.outcomes[TaskTable.FAILED]);
    j.field("killed", rec.outcomes[TaskTable.KILLED]);
    j.field("running", running);
    j.field("kept", rec.tasks.size());
    j.endObject();
    j.name("bySchedulers").beginArray();
    for (Map.Entry<String, long[]> e : rec.outcomesByScheduler.entrySet()) {
      j.beginObject()
          .field("scheduler", e.getKey())
          .field("done", e.getValue()[1])
          .field("failed", e.getValue()[2])
          .field("killed", e.getValue()[3])
          .endObject();
    }
    j.endArray();
    j.name("runTime").beginObject();
    j.field("count", rec.durations.count());
    for (int i = 0; i < PERCENTILES.length; i++) {
      j.millis(
          PERCENTILE_NAMES[i].replace(".", "") + "Ms", rec.durations.percentile(PERCENTILES[i]));
    }
    j.millis("maxMs", rec.durations.max());
    j.field("maxTaskId", rec.maxDurationTask);
    j.endObject();
    j.name("stackHighWater").beginObject();
    j.field("measured", rec.highWaters.count());
    j.field("p50Bytes", rec.highWaters.percentile(0.5));
    j.field("p99Bytes", rec.highWaters.percentile(0.99));
    j.field("maxBytes", rec.highWaters.max());
    j.field("maxTaskId", rec.maxHighWaterTask);
    j.field("segmentEvents", rec.segmentEvents);
    j.endObject();
    j.name("allocation").beginObject();
    j.field("measured", rec.allocations.count());
    j.field("totalBytes", rec.allocations.sum());
    j.field("p50Bytes", rec.allocations.percentile(0.5));
    j.field("maxBytes", rec.allocations.max());
    j.field("maxTaskId", rec.maxAllocatedTask);
    j.endObject();
    j.name("kernel");
    Recording.KernelStats s = rec.lastStats;
    if (s == null) {
      j.value((String) null);
    } else {
      j.beginObject()
          .millis("atMs", s.time() - rec.origin())
          .field("liveTasks", s.liveTasks())
          .field("strongTasks", s.strongTasks())
          .field("weakTasks", s.weakTasks())
          .field("tasksStarted", s.tasksStarted())
          .field("tasksFailed", s.tasksFailed())
          .field("tasksKilled", s.tasksKilled())
          .field("messagesInFlight", s.messagesInFlight())
          .field("maxMessagesInFlight", rec.maxMessagesInFlight)
          .field("maxLiveTasks", rec.maxLiveTasks);
      AfterLastStats after = AfterLastStats.of(rec, s);
      j.field("endedAfter", after.ended())
          .field("startedAfter", after.started())
          .field("liveAtEnd", after.liveAtEnd(s))
          .endObject();
    }
    Recording.LiveTasks live = rec.lastLive;
    if (live != null) {
      j.name("liveSnapshots").beginObject();
      j.field("count", rec.liveSnapshots);
      j.millis("atMs", live.time() - rec.origin());
      j.field("liveTasks", live.liveTasks());
      j.field("running", live.running());
      j.field("blocked", live.blocked());
      j.field("foreign", live.foreign());
      j.field("unwinding", live.unwinding());
      j.name("waitingOn").beginObject();
      if (live.snapshot() == rec.liveRowsSnapshot) {
        for (Map.Entry<String, Long> e : rec.liveRowsByWait.entrySet()) {
          j.field(e.getKey(), e.getValue());
        }
      }
      j.endObject();
      j.endObject();
    }
    j.name("tasksByScheduler").beginArray();
    for (Map.Entry<String, SchedulerSeries> e : rec.schedulerSeries.entrySet()) {
      SchedulerSeries series = e.getValue();
      j.beginObject()
          .field("scheduler", e.getKey())
          .field("tasksStarted", series.tasksStarted)
          .field("peakLive", series.peakLive)
          .field("lastLive", series.lastLive);
      j.name("live").beginArray();
      for (int i = 0; i < series.size(); i++) {
        j.beginArray()
            .value(Math.round((series.time(i) - rec.origin()) / 1e3) / 1e3)
            .value(series.live(i))
            .endArray();
      }
      j.endArray();
      j.endObject();
    }
    j.endArray();
    timedJson(j, "pipeWaits", "operation", rec.pipeWaitsByOperation);
    timedJson(j, "foreignCalls", "method", rec.foreignByMethod);
    j.field("taskFailures", rec.failures.size());
    j.field("linkedKills", linkedKills());
    j.field("doubleFailures", doubleFailures());
    j.name("eventCounts").beginObject();
    for (Map.Entry<String, Long> e : rec.eventCounts.entrySet()) {
      j.field(e.getKey(), e.getValue());
    }
    j.endObject();
    j.endObject();
  }

  private static void timedJson(
      Json j, String name, String keyName, Map<String, Recording.Timed> byKey) {
    j.name(name).beginArray();
    for (Map.Entry<String, Recording.Timed> e : byKey.entrySet()) {
      Recording.Timed t = e.getValue();
      j.beginObject()
          .field(keyName, e.getKey())
          .field("count", t.count)
          .millis("totalMs", t.totalNanos)
          .millis("maxMs", t.maxNanos)
          .field("failed", t.failures)
          .endObject();
    }
    j.endArray();
  }

  @Override
  public void html(Html h) {
    h.section("summary", "Summary");
    h.raw("<p>")
        .text(
            WHEN.format(Instant.ofEpochSecond(0, rec.origin()))
                + " · "
                + Format.duration(rec.span())
                + " of taskrt events · "
                + Format.bytes(rec.headers.fileBytes))
        .raw("</p>");
    h.table("counts", "scheduler", "DONE", "FAILED", "KILLED");
    for (Map.Entry<String, long[]> e : rec.outcomesByScheduler.entrySet()) {
      long[] c = e.getValue();
      h.row(e.getKey(), Format.count(c[1]), Format.count(c[2]), Format.count(c[3]));
    }
    h.row(
        "all",
        Format.count(rec.outcomes[1]),
        Format.count(rec.outcomes[2]),
        Format.count(rec.outcomes[3]));
    h.endTable();
    if (running > 0) {
      h.raw("<p>").text(Format.count(running) + " task(s) still running at the end.").raw("</p>");
    }
    h.table("figures", "figure", "p50", "p90", "p99", "max");
    h.row(
        "run time",
        Format.duration(rec.durations.percentile(0.5)),
        Format.duration(rec.durations.percentile(0.9)),
        Format.duration(rec.durations.percentile(0.99)),
        Format.duration(rec.durations.max()));
    h.row(
        "stack high water",
        Format.bytes(rec.highWaters.percentile(0.5)),
        Format.bytes(rec.highWaters.percentile(0.9)),
        Format.bytes(rec.highWaters.percentile(0.99)),
        Format.bytes(rec.highWaters.max()));
    h.row(
        "allocated",
        Format.bytes(rec.allocations.percentile(0.5)),
        Format.bytes(rec.allocations.percentile(0.9)),
        Format.bytes(rec.allocations.percentile(0.99)),
        Format.bytes(rec.allocations.max()));
    h.endTable();
    schedulersHtml(h);
    Recording.KernelStats s = rec.lastStats;
    if (s != null) {
      h.raw("<p>")
          .text(
              "Kernel at its last report: "
                  + s.liveTasks()
                  + " live tasks ("
                  + s.strongTasks()
                  + " strong, "
                  + s.weakTasks()
                  + " weak)"
                  + AfterLastStats.of(rec, s).sentence(s)
                  + ", "
                  + s.messagesInFlight()
                  + " messages in flight (at most "
                  + rec.maxMessagesInFlight
                  + ").")
          .raw("</p>");
    }
    h.endSection();
  }

  /** Tasks by scheduler over time: a table with one small SVG chart of live tasks per row. */
  private void schedulersHtml(Html h) {
    if (rec.schedulerSeries.isEmpty()) {
      return;
    }
    long origin = rec.origin();
    long span = Math.max(1, rec.span());
    h.raw("<h3>Tasks by scheduler over time</h3>");
    h.table("counts", "scheduler", "started", "live at most", "live at the last report");
    for (Map.Entry<String, SchedulerSeries> e : rec.schedulerSeries.entrySet()) {
      SchedulerSeries series = e.getValue();
      h.row(
          e.getKey(),
          Format.count(series.tasksStarted),
          Format.count(series.peakLive),
          Format.count(series.lastLive));
    }
    h.endTable();
    h.raw("<div class=\"sched-charts\">");
    for (Map.Entry<String, SchedulerSeries> e : rec.schedulerSeries.entrySet()) {
      SchedulerSeries series = e.getValue();
      long peak = Math.max(1, series.peakLive);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < series.size(); i++) {
        double x = 400.0 * Math.max(0, series.time(i) - origin) / span;
        double y = 58 - 54.0 * series.live(i) / peak;
        points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      h.raw("<figure class=\"sched\"><figcaption>")
          .text(e.getKey() + ": live tasks, 0 to " + series.peakLive)
          .raw("</figcaption><svg viewBox=\"0 0 400 60\" width=\"400\" height=\"60\"")
          .raw(" role=\"img\"><title>")
          .text(e.getKey() + " live tasks over time")
          .raw("</title><line x1=\"0\" y1=\"58\" x2=\"400\" y2=\"58\" stroke=\"#dde1ea\"/>")
          .raw("<polyline fill=\"none\" stroke=\"#5b7fd6\" stroke-width=\"1.5\" points=\"")
          .raw(points.toString().trim())
          .raw("\"/></svg></figure>");
    }
    h.raw("</div>");
  }
}
