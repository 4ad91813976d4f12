package dev.taskrt.inspect.live;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a {@link LiveSnapshot} out as lines of plain text at least 80 columns wide: counts, the live
 * tasks as a table, and the failures and kills since {@code top} attached. {@code --once} prints
 * every line; the terminal screen asks for a height and gets the table cut to fit.
 */
final class SnapshotText {
  /** The narrowest layout. */
  static final int MIN_WIDTH = 80;

  /** Failures listed, newest first; the rest are counted (JSON lists them all). */
  static final int MAX_FAILURES_SHOWN = 5;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final String target;
  private final SortOrder order;
  private final int width;

  /**
   * @param target what the first line names: {@code pid 1234 (com.acme.Main)}
   */
  SnapshotText(String target, SortOrder order, int width) {
    this.target = target;
    this.order = order;
    this.width = Math.max(MIN_WIDTH, width);
  }

  /**
   * The lines, at most {@code height} of them (0: no limit). With a limit, the task table gets what
   * the counts and at most six lines of failures leave, and says how many rows it left out.
   */
  List<String> lines(LiveSnapshot s, int height) {
    List<String> head = new ArrayList<>();
    head.add(
        fit("taskrt top  " + target + "  at " + CLOCK.format(s.at()) + "  sort: " + order.label));
    LiveSnapshot.Live live = s.live();
    head.add(
        fit(
            "Live tasks: "
                + live.tasks()
                + "  running "
                + live.running()
                + ", blocked "
                + live.blocked()
                + ", foreign "
                + live.foreign()
                + ", unwinding "
                + live.unwinding()
                + (live.listed() < live.tasks()
                    ? "  (" + (live.tasks() - live.listed()) + " not listed)"
                    : "")));
    StringBuilder sched = new StringBuilder("By scheduler:");
    if (s.bySchedulers().isEmpty()) {
      sched.append(" none");
    }
    String sep = " ";
    for (Map.Entry<String, Integer> e : s.bySchedulers().entrySet()) {
      sched.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    head.add(fit(sched.toString()));
    LiveSnapshot.Kernel k = s.kernel();
    head.add(
        fit(
            k == null
                ? "Kernel: no counts yet"
                : "Kernel: started "
                    + k.tasksStarted()
                    + ", failed "
                    + k.tasksFailed()
                    + ", killed "
                    + k.tasksKilled()
                    + "; strong "
                    + k.strongTasks()
                    + ", weak "
                    + k.weakTasks()
                    + "; messages in flight "
                    + k.messagesInFlight()));
    head.add("");
    int nameWidth = 16 + (width - MIN_WIDTH) / 3;
    int schedWidth = 9;
    String header =
        pad("ID", 5, true)
            + "  "
            + pad("TASK", nameWidth, false)
            + " "
            + pad("STATE", 9, false)
            + " "
            + pad("SCHEDULER", schedWidth, false)
            + " "
            + pad("RUNNING", 7, true)
            + "  WAITS ON";
    List<String> table = new ArrayList<>();
    List<LiveSnapshot.Row> rows = new ArrayList<>(s.tasks());
    rows.sort(order.comparator());
    int waitWidth = width - (5 + 2 + nameWidth + 1 + 9 + 1 + schedWidth + 1 + 7 + 2);
    for (LiveSnapshot.Row r : rows) {
      table.add(
          (pad(Long.toString(r.id()), 5, true)
                  + "  "
                  + pad(r.name(), nameWidth, false)
                  + " "
                  + pad(r.state(), 9, false)
                  + " "
                  + pad(r.scheduler(), schedWidth, false)
                  + " "
                  + pad((r.ageKnown() ? "" : ">") + age(r.ageNanos()), 7, true)
                  + "  "
                  + clip(r.waitsOn(), waitWidth))
              .stripTrailing());
    }
    List<String> tail = failures(s);
    List<String> out = new ArrayList<>(head);
    out.add(fit(header));
    if (height <= 0) {
      out.addAll(table);
      out.add("");
      out.addAll(tail);
      return out;
    }
    int tailLines = Math.min(tail.size(), 6);
    int room = Math.max(1, height - out.size() - 1 - tailLines);
    if (table.size() <= room) {
      out.addAll(table);
    } else {
      out.addAll(table.subList(0, room - 1));
      out.add("  ... " + (table.size() - room + 1) + " more");
    }
    out.add("");
    out.addAll(tail.subList(0, tailLines));
    return out.subList(0, Math.min(out.size(), height));
  }

  private List<String> failures(LiveSnapshot s) {
    List<String> out = new ArrayList<>();
    if (s.failures().isEmpty() && s.cancellations().isEmpty()) {
      out.add("Failures and kills since attach: none");
      return out;
    }
    out.add("Failures and kills since attach:");
    int shown = 0;
    for (LiveSnapshot.Failure f : s.failures()) {
      if (shown++ == MAX_FAILURES_SHOWN) {
        out.add("  ... " + (s.failures().size() - MAX_FAILURES_SHOWN) + " earlier failure(s)");
        break;
      }
      out.add(
          fit(
              "  "
                  + CLOCK.format(f.at())
                  + "  "
                  + f.taskName()
                  + " #"
                  + f.taskId()
                  + " FAILED  "
                  + f.cause()));
      for (LiveSnapshot.Kill kill : f.kills()) {
        out.add(
            fit(
                "            killed "
                    + kill.taskName()
                    + " #"
                    + kill.taskId()
                    + " ("
                    + kill.direction()
                    + (kill.viaId() != f.taskId() ? ", via #" + kill.viaId() : "")
                    + ")"));
      }
    }
    List<LiveSnapshot.Row> cancelled = s.cancellations();
    for (LiveSnapshot.Row r :
        cancelled.subList(0, Math.min(MAX_FAILURES_SHOWN, cancelled.size()))) {
      out.add(fit("  " + r.name() + " #" + r.id() + " KILLED (cancelled)"));
    }
    return out;
  }

  /** A duration as {@code 850ms}, {@code 12.3s}, {@code 4m05s} or {@code 2h07m}. */
  static String age(long nanos) {
    long ms = nanos / 1_000_000;
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  private String fit(String line) {
    return clip(line, width);
  }

  private static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return max <= 3 ? text.substring(0, max) : text.substring(0, max - 3) + "...";
  }

  private static String pad(String text, int width, boolean right) {
    String t = clip(text, width);
    String space = " ".repeat(width - t.length());
    return right ? space + t : t + space;
  }
}
