package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * The shutdown timeline: what triggered it, the strong tasks waited for and killed, the at_exit
 * handlers in the order they ran with their durations and failures, the weak tasks killed, the
 * tasks abandoned, and every task that ended while the sequence ran.
 */
final class ExitView implements View {
  /** Most tasks listed as ending during the shutdown. */
  static final int MAX_ENDED = 50;

  private final Recording rec;
  private final Recording.Shutdown shutdown;
  private final List<Recording.AtExit> handlers;
  private final List<Integer> endedDuring = new ArrayList<>();
  private long endedDuringCount;

  ExitView(Recording rec) {
    this.rec = rec;
    this.shutdown = rec.shutdowns.isEmpty() ? null : rec.shutdowns.get(0);
    this.handlers = new ArrayList<>(rec.atExits);
    handlers.sort((a, b) -> Integer.compare(a.order(), b.order()));
    if (shutdown != null) {
      long from = shutdown.start();
      long to = shutdown.start() + shutdown.duration();
      TaskTable tasks = rec.tasks;
      List<Integer> rows = new ArrayList<>();
      for (int row = 0; row < tasks.size(); row++) {
        if (tasks.ended(row)) {
          long end = tasks.start(row) + tasks.duration(row);
          if (end >= from && end <= to) {
            endedDuringCount++;
            rows.add(row);
          }
        }
      }
      rows.sort((a, b) -> Long.compare(end(a), end(b)));
      endedDuring.addAll(rows.subList(0, Math.min(MAX_ENDED, rows.size())));
    }
  }

  private long end(int row) {
    return rec.tasks.start(row) + rec.tasks.duration(row);
  }

  @Override
  public String name() {
    return "exit";
  }

  private String role(int row) {
    TaskTable tasks = rec.tasks;
    if (tasks.weak(row)) {
      return tasks.outcome(row) == TaskTable.KILLED ? "weak, killed" : "weak";
    }
    return tasks.outcome(row) == TaskTable.KILLED ? "strong, killed" : "strong, waited for";
  }

  @Override
  public void text(TextOut out) {
    if (shutdown == null) {
      out.heading("Exit: no Shutdown event in the recording");
      out.line(
          "  the recording ended before the kernel's shutdown finished (without the agent the"
              + " shutdown runs in a JVM shutdown hook, which may miss the dump)");
      listHandlers(out);
      return;
    }
    out.heading(
        "Exit: "
            + shutdown.trigger()
            + " at "
            + Format.offset(shutdown.start() - rec.origin())
            + ", exit status "
            + shutdown.exitStatus()
            + ", took "
            + Format.duration(shutdown.duration()));
    out.line(
        "  1. strong tasks: "
            + shutdown.strongWaited()
            + " waited for, "
            + shutdown.strongKilled()
            + " killed");
    out.line(
        "  2. at_exit handlers: "
            + shutdown.atExitRun()
            + " run, "
            + shutdown.atExitFailed()
            + " failed (last registered runs first)");
    listHandlers(out);
    out.line("  3. weak tasks killed: " + shutdown.weakKilled());
    if (shutdown.abandoned() > 0) {
      out.line(
          Format.fit(
              "  4. "
                  + out.failure("abandoned: " + shutdown.abandoned())
                  + " still running at the deadline: "
                  + shutdown.abandonedNames(),
              TextOut.WIDTH + 9));
    } else {
      out.line("  4. abandoned: none");
    }
    if (endedDuringCount > 0) {
      out.line("  tasks that ended during the shutdown (" + endedDuringCount + "):");
      for (int row : endedDuring) {
        String outcome = rec.tasks.outcomeName(row);
        out.line(
            "    "
                + Format.pad(Format.offset(end(row) - rec.origin()), 11)
                + Format.pad(Format.fit(Format.task(rec.name(row), rec.tasks.id(row)), 30), 31)
                + out.outcome(outcome)
                + " ".repeat(Math.max(1, 8 - outcome.length()))
                + role(row));
      }
      if (endedDuringCount > endedDuring.size()) {
        out.line("    ... " + (endedDuringCount - endedDuring.size()) + " more");
      }
    }
  }

  private void listHandlers(TextOut out) {
    for (Recording.AtExit a : handlers) {
      String outcome = a.outcome() == null ? "?" : a.outcome();
      String line =
          "     "
              + Format.padLeft(Integer.toString(a.order()), 2)
              + ". "
              + Format.pad(Format.fit(a.handler(), 24), 25)
              + out.outcome(outcome)
              + " ".repeat(Math.max(1, 10 - outcome.length()))
              + Format.padLeft(Format.duration(a.duration()), 9)
              + "  "
              + Format.offset(a.start() - rec.origin());
      out.line(line);
      if (a.failure() != null && !a.failure().isEmpty()) {
        out.line(
            "         "
                + out.failure(Format.fit(Format.shortFailure(a.failure()), TextOut.WIDTH - 9)));
      }
    }
  }

  @Override
  public void json(Json j) {
    j.beginObject();
    j.name("shutdown");
    if (shutdown == null) {
      j.value((String) null);
    } else {
      j.beginObject()
          .field("trigger", shutdown.trigger())
          .field("exitStatus", shutdown.exitStatus())
          .millis("atMs", shutdown.start() - rec.origin())
          .millis("durationMs", shutdown.duration())
          .field("strongWaited", shutdown.strongWaited())
          .field("strongKilled", shutdown.strongKilled())
          .field("atExitRun", shutdown.atExitRun())
          .field("atExitFailed", shutdown.atExitFailed())
          .field("weakKilled", shutdown.weakKilled())
          .field("abandoned", shutdown.abandoned())
          .field("abandonedNames", shutdown.abandonedNames())
          .endObject();
    }
    j.name("atExit").beginArray();
    for (Recording.AtExit a : handlers) {
      j.beginObject()
          .field("order", a.order())
          .field("handler", a.handler())
          .field("outcome", a.outcome())
          .millis("atMs", a.start() - rec.origin())
          .millis("durationMs", a.duration())
          .field("failure", a.failure())
          .endObject();
    }
    j.endArray();
    j.name("endedDuringShutdown")
        .beginObject()
        .field("count", endedDuringCount)
        .name("tasks")
        .beginArray();
    for (int row : endedDuring) {
      j.beginObject()
          .field("taskId", rec.tasks.id(row))
          .field("taskName", rec.name(row))
          .field("outcome", rec.tasks.outcomeName(row))
          .field("weak", rec.tasks.weak(row))
          .millis("endMs", end(row) - rec.origin())
          .endObject();
    }
    j.endArray().endObject();
    j.endObject();
  }

  @Override
  public void html(Html h) {
    h.section("exit", "Exit");
    if (shutdown == null) {
      h.raw("<p>No Shutdown event in the recording.</p>");
    } else {
      h.table(
          "shutdown",
          "trigger",
          "exit status",
          "at",
          "took",
          "strong waited",
          "strong killed",
          "weak killed",
          "abandoned");
      h.row(
          shutdown.trigger(),
          Integer.toString(shutdown.exitStatus()),
          Format.offset(shutdown.start() - rec.origin()),
          Format.duration(shutdown.duration()),
          Integer.toString(shutdown.strongWaited()),
          Integer.toString(shutdown.strongKilled()),
          Integer.toString(shutdown.weakKilled()),
          shutdown.abandoned()
              + (shutdown.abandoned() > 0 ? ": " + shutdown.abandonedNames() : ""));
      h.endTable();
    }
    if (!handlers.isEmpty()) {
      h.raw("<h3>at_exit handlers, in the order they ran</h3>");
      h.table("atexit", "#", "handler", "outcome", "took", "at", "failure");
      for (Recording.AtExit a : handlers) {
        h.row(
            Integer.toString(a.order()),
            a.handler(),
            a.outcome(),
            Format.duration(a.duration()),
            Format.offset(a.start() - rec.origin()),
            a.failure());
      }
      h.endTable();
    }
    if (!endedDuring.isEmpty()) {
      h.raw("<h3>Tasks that ended during the shutdown</h3>");
      h.table("ended", "at", "task", "outcome", "role");
      for (int row : endedDuring) {
        h.row(
            Format.offset(end(row) - rec.origin()),
            Format.task(rec.name(row), rec.tasks.id(row)),
            rec.tasks.outcomeName(row),
            role(row));
      }
      h.endTable();
    }
    h.endSection();
  }
}
