package dev.taskrt.inspect;

import java.util.List;

/** Tasks by stack high water and segments crossed, with the frame of their deepest crossing. */
final class StacksView implements View {
  private final Recording rec;
  private final List<Recording.StackUse> top;

  StacksView(Recording rec, int limit) {
    this.rec = rec;
    List<Recording.StackUse> all = rec.stacksDescending();
    this.top = all.subList(0, Math.min(limit, all.size()));
  }

  @Override
  public String name() {
    return "stacks";
  }

  @Override
  public void text(TextOut out) {
    out.heading(
        "Stacks: "
            + Format.count(rec.highWaters.count())
            + " task(s) measured, "
            + Format.count(rec.segmentEvents)
            + " segment crossing(s)");
    if (top.isEmpty()) {
      out.line("  no task used instrumented frames (stack accounting needs the agent)");
      return;
    }
    out.line(
        "  p50 "
            + Format.bytes(rec.highWaters.percentile(0.5))
            + "   p99 "
            + Format.bytes(rec.highWaters.percentile(0.99))
            + "   max "
            + Format.bytes(rec.highWaters.max()));
    out.line(out.dim("  high water  segments  outcome  task / deepest crossing"));
    for (Recording.StackUse s : top) {
      String outcome = s.outcome() == null ? "?" : s.outcome();
      out.line(
          "  "
              + Format.padLeft(Format.bytes(s.highWater()), 10)
              + Format.padLeft(Integer.toString(s.segments()), 10)
              + "  "
              + out.outcome(outcome)
              + " ".repeat(Math.max(1, 8 - outcome.length()))
              + Format.fit(Format.task(s.taskName(), s.taskId()), 46));
      Recording.Segment seg = rec.deepestSegments.get(s.taskId());
      if (seg != null) {
        out.line(
            Format.fit(
                "                                "
                    + seg.method()
                    + " (depth "
                    + seg.depth()
                    + ", "
                    + Format.bytes(seg.stackBytes())
                    + ")",
                TextOut.WIDTH));
      }
    }
  }

  @Override
  public void json(Json j) {
    j.beginObject();
    j.field("measured", rec.highWaters.count());
    j.field("segmentEvents", rec.segmentEvents);
    j.name("tasks").beginArray();
    for (Recording.StackUse s : top) {
      j.beginObject()
          .field("taskId", s.taskId())
          .field("taskName", s.taskName())
          .field("highWaterBytes", s.highWater())
          .field("segmentsCrossed", s.segments())
          .field("outcome", s.outcome())
          .field("scheduler", s.scheduler());
      Recording.Segment seg = rec.deepestSegments.get(s.taskId());
      if (seg != null) {
        j.name("deepestCrossing")
            .beginObject()
            .field("method", seg.method())
            .field("stackBytes", seg.stackBytes())
            .field("depth", seg.depth())
            .endObject();
      }
      j.endObject();
    }
    j.endArray();
    j.endObject();
  }

  @Override
  public void html(Html h) {
    h.section("stacks", "Stacks");
    if (top.isEmpty()) {
      h.raw("<p>No task used instrumented frames.</p>");
    } else {
      h.table("stacks", "task", "high water", "segments", "outcome", "deepest crossing");
      for (Recording.StackUse s : top) {
        Recording.Segment seg = rec.deepestSegments.get(s.taskId());
        h.row(
            Format.task(s.taskName(), s.taskId()),
            Format.bytes(s.highWater()),
            Integer.toString(s.segments()),
            String.valueOf(s.outcome()),
            seg == null
                ? ""
                : seg.method()
                    + " (depth "
                    + seg.depth()
                    + ", "
                    + Format.bytes(seg.stackBytes())
                    + ")");
      }
      h.endTable();
    }
    h.endSection();
  }
}
