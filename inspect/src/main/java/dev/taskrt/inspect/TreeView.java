package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * The task tree: names, outcome marks, run times; collapsed below {@code --depth}, at most {@code
 * --children} children shown per task (those that did not end DONE first), and at most {@code
 * --lines} tasks in all. What is left out is counted on a line of its own.
 */
final class TreeView implements View {
  /** One shown task and what was left out under it. */
  static final class Node {
    final int row;
    final int depth;
    final List<Node> children = new ArrayList<>();
    int omittedChildren;
    final long[] omittedOutcomes = new long[4];
    int omittedDescendants;
    int collapsedDescendants;
    int collapsedTroubled;

    Node(int row, int depth) {
      this.row = row;
      this.depth = depth;
    }
  }

  /** DONE siblings shown as examples beside siblings that did not end DONE. */
  static final int EXAMPLES = 3;

  private final Recording rec;
  private final TaskTable tasks;
  private final int maxDepth;
  private final int maxChildren;
  private final int maxLines;
  private final List<Node> roots = new ArrayList<>();
  private int omittedRoots;
  private final long[] omittedRootOutcomes = new long[4];
  private int lines;
  private boolean stopped;

  TreeView(Recording rec, int maxDepth, int maxChildren, int maxLines) {
    this.rec = rec;
    this.tasks = rec.tasks;
    this.maxDepth = maxDepth;
    this.maxChildren = maxChildren;
    this.maxLines = maxLines;
    TaskTree tree = new TaskTree(tasks);
    int[] chosen = choose(tree, tree.roots);
    for (int row : tree.roots) {
      if (!stopped && lines >= maxLines) {
        stopped = true;
      }
      if (!contains(chosen, row) || stopped) {
        omittedRoots++;
        omittedRootOutcomes[tasks.outcome(row)]++;
        continue;
      }
      roots.add(build(tree, row, 0));
    }
  }

  @Override
  public String name() {
    return "tree";
  }

  private Node build(TaskTree tree, int row, int depth) {
    Node node = new Node(row, depth);
    lines++;
    if (!tree.hasChildren(row)) {
      return node;
    }
    if (depth + 1 >= maxDepth) {
      node.collapsedDescendants = tree.subtreeSize(row) - 1;
      node.collapsedTroubled =
          tree.subtreeTroubled(row) - (tasks.outcome(row) != TaskTable.DONE ? 1 : 0);
      return node;
    }
    int[] children = tree.children(tasks, row);
    int[] chosen = choose(tree, children);
    // Among many siblings, the ones shown only as examples (all DONE below) stay collapsed.
    boolean crowded = children.length > maxChildren;
    for (int child : children) {
      if (!stopped && lines >= maxLines) {
        stopped = true;
      }
      if (stopped || !contains(chosen, child)) {
        node.omittedChildren++;
        node.omittedOutcomes[tasks.outcome(child)]++;
        node.omittedDescendants += tree.subtreeSize(child) - 1;
        continue;
      }
      if (crowded && tree.subtreeTroubled(child) == 0 && tree.hasChildren(child)) {
        Node example = new Node(child, depth + 1);
        example.collapsedDescendants = tree.subtreeSize(child) - 1;
        lines++;
        node.children.add(example);
      } else {
        node.children.add(build(tree, child, depth + 1));
      }
    }
    return node;
  }

  /**
   * Up to maxChildren rows: those that did not end DONE first, then those with such a task below
   * them, then the earliest.
   */
  private int[] choose(TaskTree tree, int[] rows) {
    if (rows.length <= maxChildren) {
      return rows;
    }
    int[] chosen = new int[maxChildren];
    int n = 0;
    for (int pass = 0; pass < 3; pass++) {
      // once some shown siblings need attention, a few DONE ones are enough as examples
      int limit = pass == 2 && n > 0 ? Math.min(maxChildren, n + EXAMPLES) : maxChildren;
      for (int row = 0; row < rows.length && n < limit; row++) {
        int r = rows[row];
        boolean self = tasks.outcome(r) != TaskTable.DONE;
        boolean below = !self && tree.subtreeTroubled(r) > 0;
        if ((pass == 0 && self) || (pass == 1 && below) || (pass == 2 && !self && !below)) {
          chosen[n++] = r;
        }
      }
    }
    return java.util.Arrays.copyOf(chosen, n);
  }

  private static boolean contains(int[] sortedOrAll, int row) {
    for (int r : sortedOrAll) {
      if (r == row) {
        return true;
      }
    }
    return false;
  }

  private String label(int row) {
    return Format.task(rec.name(row), tasks.id(row));
  }

  private String details(int row) {
    StringBuilder d = new StringBuilder();
    d.append(tasks.ended(row) ? Format.duration(tasks.duration(row)) : "running");
    String scheduler = rec.schedulerName(row);
    d.append("  ").append(scheduler);
    if (tasks.weak(row)) {
      d.append(" weak");
    }
    String mode = tasks.mode(row);
    if (!"LINKED".equals(mode) && !"?".equals(mode)) {
      d.append(' ').append(mode.toLowerCase(java.util.Locale.ROOT));
    }
    return d.toString();
  }

  private String failure(int row) {
    if (tasks.outcome(row) == TaskTable.DONE) {
      return "";
    }
    return Format.shortFailure(rec.endFailures.getOrDefault(tasks.id(row), ""));
  }

  private static String omittedText(int count, long[] outcomes, int descendants) {
    StringBuilder b = new StringBuilder("... ");
    b.append(Format.count(count)).append(count == 1 ? " more task" : " more tasks");
    String sep = ": ";
    String[] names = {"running", "DONE", "FAILED", "KILLED"};
    for (int i = 1; i < 4; i++) {
      if (outcomes[i] > 0) {
        b.append(sep).append(Format.count(outcomes[i])).append(' ').append(names[i]);
        sep = ", ";
      }
    }
    if (outcomes[0] > 0) {
      b.append(sep).append(Format.count(outcomes[0])).append(" running");
    }
    if (descendants > 0) {
      b.append(" (+").append(Format.count(descendants)).append(" below them)");
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- text

  @Override
  public void text(TextOut out) {
    out.heading(
        "Task tree: "
            + Format.count(tasks.size())
            + " tasks"
            + (tasks.complete() ? "" : " kept of " + Format.count(rec.taskStarts) + " started"));
    for (int i = 0; i < roots.size(); i++) {
      textNode(out, roots.get(i), "", "", i == roots.size() - 1 && omittedRoots == 0);
    }
    if (omittedRoots > 0) {
      out.line(omittedText(omittedRoots, omittedRootOutcomes, 0) + " (roots)");
    }
    if (stopped) {
      out.line(out.dim("(stopped at " + maxLines + " tasks; --lines N shows more)"));
    }
  }

  private void textNode(TextOut out, Node node, String lead, String childLead, boolean last) {
    int row = node.row;
    String outcome = tasks.outcomeName(row);
    String head = lead + label(row);
    String rest = details(row);
    String fail = failure(row);
    int width = TextOut.WIDTH - head.length() - outcome.length() - rest.length() - 6;
    String line =
        head
            + "  "
            + out.outcome(outcome)
            + "  "
            + rest
            + (fail.isEmpty() || width < 8 ? "" : "  " + out.failure(Format.fit(fail, width)));
    out.line(line);
    if (node.collapsedDescendants > 0) {
      out.line(
          childLead
              + "`-- "
              + out.dim(
                  "(+"
                      + Format.count(node.collapsedDescendants)
                      + " below, "
                      + (node.collapsedTroubled == 0
                          ? "all DONE)"
                          : node.collapsedTroubled + " not DONE; --depth shows them)")));
    }
    for (int i = 0; i < node.children.size(); i++) {
      boolean lastChild = i == node.children.size() - 1 && node.omittedChildren == 0;
      textNode(
          out,
          node.children.get(i),
          childLead + (lastChild ? "`-- " : "+-- "),
          childLead + (lastChild ? "    " : "|   "),
          lastChild);
    }
    if (node.omittedChildren > 0) {
      out.line(
          childLead
              + "`-- "
              + out.dim(
                  omittedText(
                      node.omittedChildren, node.omittedOutcomes, node.omittedDescendants)));
    }
  }

  // ---------------------------------------------------------------- json

  @Override
  public void json(Json j) {
    j.beginObject();
    j.field("tasks", tasks.size());
    j.field("complete", tasks.complete());
    j.field("truncated", stopped);
    j.name("roots").beginArray();
    for (Node node : roots) {
      jsonNode(j, node);
    }
    j.endArray();
    j.field("omittedRoots", omittedRoots);
    j.endObject();
  }

  private void jsonNode(Json j, Node node) {
    int row = node.row;
    j.beginObject();
    j.field("id", tasks.id(row));
    j.field("name", rec.name(row));
    j.field("outcome", tasks.outcomeName(row));
    if (tasks.ended(row)) {
      j.millis("durationMs", tasks.duration(row));
    }
    j.millis("startMs", tasks.start(row) - rec.origin());
    j.field("scheduler", rec.schedulerName(row));
    j.field("thread", rec.threadName(row));
    j.field("mode", tasks.mode(row));
    j.field("weak", tasks.weak(row));
    String fail = rec.endFailures.get(tasks.id(row));
    if (fail != null && tasks.outcome(row) != TaskTable.DONE) {
      j.field("failure", fail);
    }
    j.name("children").beginArray();
    for (Node child : node.children) {
      jsonNode(j, child);
    }
    j.endArray();
    if (node.omittedChildren > 0) {
      j.name("omitted")
          .beginObject()
          .field("tasks", node.omittedChildren)
          .field("done", node.omittedOutcomes[1])
          .field("failed", node.omittedOutcomes[2])
          .field("killed", node.omittedOutcomes[3])
          .field("running", node.omittedOutcomes[0])
          .field("descendants", node.omittedDescendants)
          .endObject();
    }
    if (node.collapsedDescendants > 0) {
      j.name("collapsed")
          .beginObject()
          .field("descendants", node.collapsedDescendants)
          .field("notDone", node.collapsedTroubled)
          .endObject();
    }
    j.endObject();
  }

  // ---------------------------------------------------------------- html

  @Override
  public void html(Html h) {
    h.section("tree", "Task tree");
    h.raw("<ul class=\"tree\">");
    for (Node node : roots) {
      htmlNode(h, node);
    }
    if (omittedRoots > 0) {
      h.raw("<li class=\"omitted\">")
          .text(omittedText(omittedRoots, omittedRootOutcomes, 0))
          .raw("</li>");
    }
    h.raw("</ul>");
    if (stopped) {
      h.raw("<p class=\"note\">").text("Stopped at " + maxLines + " tasks.").raw("</p>");
    }
    h.endSection();
  }

  private void htmlNode(Html h, Node node) {
    int row = node.row;
    boolean open = !node.children.isEmpty() || node.omittedChildren > 0;
    h.raw("<li>");
    h.raw(open ? "<details open><summary>" : "<span class=\"leaf\">");
    h.raw("<b>")
        .text(rec.name(row))
        .raw("</b> <span class=\"id\">#")
        .text(Long.toString(tasks.id(row)))
        .raw("</span> ");
    h.raw(Html.badge(tasks.outcomeName(row))).raw(" ");
    h.text(details(row));
    String fail = failure(row);
    if (!fail.isEmpty()) {
      h.raw(" <span class=\"fail\">").text(fail).raw("</span>");
    }
    if (node.collapsedDescendants > 0) {
      h.raw(" <span class=\"omitted\">")
          .text("(+" + node.collapsedDescendants + " below)")
          .raw("</span>");
    }
    h.raw(open ? "</summary><ul>" : "</span>");
    if (open) {
      for (Node child : node.children) {
        htmlNode(h, child);
      }
      if (node.omittedChildren > 0) {
        h.raw("<li class=\"omitted\">")
            .text(omittedText(node.omittedChildren, node.omittedOutcomes, node.omittedDescendants))
            .raw("</li>");
      }
      h.raw("</ul></details>");
    }
    h.raw("</li>");
  }
}
