package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each task failure with its linked-failure chain: the task that failed first, the tasks killed
 * because of it (as a tree along the links that carried the kill), the hooks that ran in each, and
 * the double failures; then the tasks killed with no failure behind them (cancellations, shutdown).
 */
final class FailuresView implements View {
  /** Most tasks listed among the kills without a failure behind them. */
  static final int MAX_OTHER_KILLS = 50;

  /** A failure and the kills it caused. */
  static final class Incident {
    final Recording.Failure failure;
    final Map<Long, List<Recording.Linked>> killedVia = new LinkedHashMap<>();
    int killed;

    Incident(Recording.Failure failure) {
      this.failure = failure;
    }
  }

  private final Recording rec;
  private final List<Incident> incidents = new ArrayList<>();
  private final List<Recording.Unwind> doubleFailures = new ArrayList<>();
  private final List<Integer> otherKills = new ArrayList<>();
  private long otherKillCount;
  private final Map<Long, List<Recording.Unwind>> unwindsByTask = new HashMap<>();

  FailuresView(Recording rec) {
    this.rec = rec;
    List<Recording.Failure> failures = new ArrayList<>(rec.failures);
    failures.sort((a, b) -> Long.compare(a.time(), b.time()));
    Map<Long, Incident> bySource = new HashMap<>();
    for (Recording.Failure f : failures) {
      Incident incident = new Incident(f);
      incidents.add(incident);
      bySource.putIfAbsent(f.taskId(), incident);
    }
    List<Recording.Linked> linked = new ArrayList<>(rec.linked);
    linked.sort((a, b) -> Long.compare(a.time(), b.time()));
    Set<Long> killedByLink = new HashSet<>();
    for (Recording.Linked l : linked) {
      killedByLink.add(l.taskId());
      Incident incident = bySource.get(l.sourceId());
      if (incident == null) {
        Recording.Failure unseen =
            new Recording.Failure(
                l.time(), l.sourceId(), l.sourceName(), "", l.cause(), "", "?", "");
        incident = new Incident(unseen);
        incidents.add(incident);
        bySource.put(l.sourceId(), incident);
      }
      incident.killedVia.computeIfAbsent(l.viaId(), k -> new ArrayList<>()).add(l);
      incident.killed++;
    }
    for (Recording.Unwind u : rec.unwinds) {
      unwindsByTask.computeIfAbsent(u.taskId(), k -> new ArrayList<>()).add(u);
      if (u.doubleFailure()) {
        doubleFailures.add(u);
      }
    }
    TaskTable tasks = rec.tasks;
    for (int row = 0; row < tasks.size(); row++) {
      if (tasks.outcome(row) == TaskTable.KILLED && !killedByLink.contains(tasks.id(row))) {
        otherKillCount++;
        if (otherKills.size() < MAX_OTHER_KILLS) {
          otherKills.add(row);
        }
      }
    }
  }

  @Override
  public String name() {
    return "failures";
  }

  /** A {@code @Boundary} method stopped the failure and the task went on. */
  private static boolean isCaught(Recording.Failure f) {
    return f.caughtBy() != null && !f.caughtBy().isEmpty();
  }

  /**
   * The outcome shown beside a failure: the task's real one from its TaskEnd (a failure stopped at
   * a boundary leaves a task that may end DONE). When the recording has no end for the task:
   * RUNNING if a boundary stopped the failure, else FAILED (the failure left its body).
   */
  private String outcomeShown(Recording.Failure f) {
    String outcome = outcomeOf(f.taskId());
    if (outcome.equals("?") || outcome.equals("RUNNING")) {
      return isCaught(f) ? "RUNNING" : "FAILED";
    }
    return outcome;
  }

  private String outcomeOf(long id) {
    int row = rec.tasks.row(id);
    return row < 0 ? "?" : rec.tasks.outcomeName(row);
  }

  private String hooksText(long taskId) {
    List<Recording.Unwind> list = unwindsByTask.get(taskId);
    if (list == null || list.isEmpty()) {
      return "no hooks ran";
    }
    StringBuilder b = new StringBuilder("hooks: ");
    String sep = "";
    for (Recording.Unwind u : list) {
      b.append(sep)
          .append(u.hooksRun())
          .append(" ran (")
          .append("task".equals(u.scope()) ? "task scope" : u.scope())
          .append(')');
      if (u.hooksFailed() > 0) {
        b.append(", ").append(u.hooksFailed()).append(" failed");
      }
      if (u.doubleFailure()) {
        b.append(" (DOUBLE FAILURE)");
      }
      sep = "; ";
    }
    return b.toString();
  }

  private static String why(String direction) {
    return "child-to-parent".equals(direction)
        ? "its child failed or was killed"
        : "parent-to-child".equals(direction) ? "its parent failed or was killed" : direction;
  }

  private static String firstFrame(String where) {
    if (where == null || where.isEmpty()) {
      return "";
    }
    int cut = where.indexOf(" < ");
    return cut < 0 ? where : where.substring(0, cut);
  }

  // ---------------------------------------------------------------- text

  @Override
  public void text(TextOut out) {
    long killed = incidents.stream().mapToLong(i -> i.killed).sum();
    out.heading(
        "Failures: "
            + incidents.size()
            + " failed first, "
            + killed
            + " killed because of them, "
            + doubleFailures.size()
            + " double failure(s)");
    if (incidents.isEmpty()) {
      out.line("  no task failed");
    }
    int n = 0;
    for (Incident incident : incidents) {
      n++;
      Recording.Failure f = incident.failure;
      String outcome = outcomeShown(f);
      out.blank();
      out.line(
          Format.fit(
              n
                  + ". "
                  + Format.task(f.taskName(), f.taskId())
                  + " "
                  + out.outcome(outcome)
                  + " at "
                  + Format.offset(f.time() - rec.origin())
                  + " on "
                  + f.thread(),
              TextOut.WIDTH + (out.outcome(outcome).length() - outcome.length())));
      String what =
          f.exceptionClass().isEmpty() ? f.message() : f.exceptionClass() + ": " + f.message();
      out.line("   " + out.failure(Format.fit(what, TextOut.WIDTH - 3)));
      String frame = firstFrame(f.where());
      if (!frame.isEmpty()) {
        out.line("   " + Format.fit("at " + frame, TextOut.WIDTH - 3));
      }
      if (isCaught(f)) {
        out.line(
            "   "
                + Format.fit(
                    "caught at @Boundary " + f.caughtBy() + "; the task went on",
                    TextOut.WIDTH - 3));
      }
      out.line("   " + Format.fit(hooksText(f.taskId()), TextOut.WIDTH - 3));
      if (incident.killed == 0) {
        out.line("   no linked task was killed");
        continue;
      }
      out.line("   killed because of it (" + incident.killed + "):");
      textChain(out, incident, f.taskId(), "   ", new HashSet<>());
    }
    if (!doubleFailures.isEmpty()) {
      out.blank();
      out.heading("Double failures (a hook failed while its scope was already failing)");
      for (Recording.Unwind u : doubleFailures) {
        out.line(
            Format.fit(
                "  "
                    + Format.task(u.taskName(), u.taskId())
                    + " in "
                    + u.scope()
                    + ": "
                    + u.hooksFailed()
                    + " of "
                    + u.hooksRun()
                    + " hooks failed while unwinding "
                    + Format.shortFailure(u.failure()),
                TextOut.WIDTH));
      }
    }
    if (otherKillCount > 0) {
      out.blank();
      out.heading("Killed without a failure behind them (cancelled, or killed at shutdown)");
      for (int row : otherKills) {
        out.line(
            Format.fit(
                "  "
                    + Format.task(rec.name(row), rec.tasks.id(row))
                    + "  "
                    + Format.shortFailure(rec.endFailures.getOrDefault(rec.tasks.id(row), "")),
                TextOut.WIDTH));
      }
      if (otherKillCount > otherKills.size()) {
        out.line("  ... " + Format.count(otherKillCount - otherKills.size()) + " more");
      }
    }
  }

  private void textChain(TextOut out, Incident incident, long via, String lead, Set<Long> seen) {
    List<Recording.Linked> next = incident.killedVia.get(via);
    if (next == null || !seen.add(via)) {
      return;
    }
    for (int i = 0; i < next.size(); i++) {
      Recording.Linked l = next.get(i);
      boolean last = i == next.size() - 1;
      String outcome = outcomeOf(l.taskId());
      String head = lead + (last ? "`-> " : "+-> ") + Format.task(l.taskName(), l.taskId());
      out.line(
          Format.fit(head + "  " + outcome + "  (" + why(l.direction()) + ")", TextOut.WIDTH)
              .replace("  " + outcome + "  ", "  " + out.outcome(outcome) + "  "));
      String childLead = lead + (last ? "    " : "|   ");
      out.line(Format.fit(childLead + "    " + hooksText(l.taskId()), TextOut.WIDTH));
      textChain(out, incident, l.taskId(), childLead, seen);
    }
  }

  // ---------------------------------------------------------------- json

  @Override
  public void json(Json j) {
    j.beginObject();
    j.name("failures").beginArray();
    for (Incident incident : incidents) {
      Recording.Failure f = incident.failure;
      j.beginObject();
      j.field("taskId", f.taskId());
      j.field("taskName", f.taskName());
      j.millis("atMs", f.time() - rec.origin());
      j.field("thread", f.thread());
      j.field("exceptionClass", f.exceptionClass());
      j.field("message", f.message());
      j.field("where", f.where());
      j.field("outcome", outcomeOf(f.taskId()));
      j.field("caughtBy", f.caughtBy() == null ? "" : f.caughtBy());
      unwindsJson(j, f.taskId());
      j.name("killed").beginArray();
      jsonChain(j, incident, f.taskId(), new HashSet<>());
      j.endArray();
      j.endObject();
    }
    j.endArray();
    j.name("doubleFailures").beginArray();
    for (Recording.Unwind u : doubleFailures) {
      unwindJson(j, u);
    }
    j.endArray();
    j.name("killedWithoutFailure")
        .beginObject()
        .field("count", otherKillCount)
        .name("tasks")
        .beginArray();
    for (int row : otherKills) {
      j.beginObject()
          .field("taskId", rec.tasks.id(row))
          .field("taskName", rec.name(row))
          .field("failure", rec.endFailures.getOrDefault(rec.tasks.id(row), ""))
          .endObject();
    }
    j.endArray().endObject();
    j.endObject();
  }

  private void jsonChain(Json j, Incident incident, long via, Set<Long> seen) {
    List<Recording.Linked> next = incident.killedVia.get(via);
    if (next == null || !seen.add(via)) {
      return;
    }
    for (Recording.Linked l : next) {
      j.beginObject();
      j.field("taskId", l.taskId());
      j.field("taskName", l.taskName());
      j.field("viaId", l.viaId());
      j.field("direction", l.direction());
      j.millis("atMs", l.time() - rec.origin());
      j.field("outcome", outcomeOf(l.taskId()));
      j.field("cause", l.cause());
      unwindsJson(j, l.taskId());
      j.endObject();
      jsonChain(j, incident, l.taskId(), seen); // flat, in travel order; viaId gives the shape
    }
  }

  private void unwindsJson(Json j, long taskId) {
    j.name("unwinds").beginArray();
    for (Recording.Unwind u : unwindsByTask.getOrDefault(taskId, List.of())) {
      unwindJson(j, u);
    }
    j.endArray();
  }

  private void unwindJson(Json j, Recording.Unwind u) {
    j.beginObject()
        .field("taskId", u.taskId())
        .field("taskName", u.taskName())
        .field("scope", u.scope())
        .field("hooksRun", u.hooksRun())
        .field("hooksFailed", u.hooksFailed())
        .field("doubleFailure", u.doubleFailure())
        .field("failure", u.failure())
        .endObject();
  }

  // ---------------------------------------------------------------- html

  @Override
  public void html(Html h) {
    h.section("failures", "Failures");
    if (incidents.isEmpty()) {
      h.raw("<p>No task failed.</p>");
    }
    for (Incident incident : incidents) {
      Recording.Failure f = incident.failure;
      h.raw("<div class=\"incident\"><h3>")
          .text(Format.task(f.taskName(), f.taskId()))
          .raw(" ")
          .raw(Html.badge(outcomeShown(f)))
          .raw(" <span class=\"id\">")
          .text(Format.offset(f.time() - rec.origin()) + " on " + f.thread())
          .raw("</span></h3>");
      h.raw("<p class=\"fail\">")
          .text(
              f.exceptionClass().isEmpty() ? f.message() : f.exceptionClass() + ": " + f.message())
          .raw("</p>");
      if (!f.where().isEmpty()) {
        h.raw("<pre>").text(f.where().replace(" < ", "\n")).raw("</pre>");
      }
      if (isCaught(f)) {
        h.raw("<p>").text("caught at @Boundary " + f.caughtBy() + "; the task went on").raw("</p>");
      }
      h.raw("<p>").text(hooksText(f.taskId())).raw("</p>");
      if (incident.killed > 0) {
        h.table("chain", "killed task", "via", "direction", "outcome", "hooks");
        htmlChain(h, incident, f.taskId(), new HashSet<>());
        h.endTable();
      }
      h.raw("</div>");
    }
    if (!doubleFailures.isEmpty()) {
      h.raw("<h3>Double failures</h3>");
      h.table("double", "task", "scope", "hooks run", "hooks failed", "failure");
      for (Recording.Unwind u : doubleFailures) {
        h.row(
            Format.task(u.taskName(), u.taskId()),
            u.scope(),
            Integer.toString(u.hooksRun()),
            Integer.toString(u.hooksFailed()),
            u.failure());
      }
      h.endTable();
    }
    if (otherKillCount > 0) {
      h.raw("<h3>Killed without a failure behind them</h3>");
      h.table("kills", "task", "why");
      for (int row : otherKills) {
        h.row(
            Format.task(rec.name(row), rec.tasks.id(row)),
            rec.endFailures.getOrDefault(rec.tasks.id(row), ""));
      }
      h.endTable();
    }
    h.endSection();
  }

  private void htmlChain(Html h, Incident incident, long via, Set<Long> seen) {
    List<Recording.Linked> next = incident.killedVia.get(via);
    if (next == null || !seen.add(via)) {
      return;
    }
    for (Recording.Linked l : next) {
      h.row(
          Format.task(l.taskName(), l.taskId()),
          Format.task(rec.nameOf(l.viaId()), l.viaId()),
          l.direction(),
          outcomeOf(l.taskId()),
          hooksText(l.taskId()));
      htmlChain(h, incident, l.taskId(), seen);
    }
  }
}
