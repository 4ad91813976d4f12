package dev.taskrt.inspect.live;

import dev.taskrt.inspect.Json;
import java.util.Map;

/**
 * {@code top --once --json}: one {@link LiveSnapshot} as a JSON document, format {@value #FORMAT}
 * (described in docs/TOP.md). Times are milliseconds.
 */
final class SnapshotJson {
  /** The document's format name, its first member. */
  static final String FORMAT = "taskrt-top/1";

  private final StringBuilder out = new StringBuilder();

  private SnapshotJson() {}

  /** The document for {@code s} taken from process {@code pid}. */
  static String of(long pid, String mainClass, LiveSnapshot s) {
    return new SnapshotJson().write(pid, mainClass, s).out.toString();
  }

  private SnapshotJson write(long pid, String mainClass, LiveSnapshot s) {
    out.append('{');
    field("format", FORMAT).append(',');
    field("pid", pid).append(',');
    field("mainClass", mainClass).append(',');
    field("at", s.at().toString()).append(',');
    LiveSnapshot.Live live = s.live();
    name("live").append('{');
    field("tasks", live.tasks()).append(',');
    field("listed", live.listed()).append(',');
    field("running", live.running()).append(',');
    field("blocked", live.blocked()).append(',');
    field("foreign", live.foreign()).append(',');
    field("unwinding", live.unwinding()).append("},");
    name("bySchedulers").append('[');
    String sep = "";
    for (Map.Entry<String, Integer> e : s.bySchedulers().entrySet()) {
      out.append(sep).append('{');
      field("scheduler", e.getKey()).append(',');
      field("tasks", e.getValue()).append('}');
      sep = ",";
    }
    out.append("],");
    name("kernel");
    LiveSnapshot.Kernel k = s.kernel();
    if (k == null) {
      out.append("null");
    } else {
      out.append('{');
      field("liveTasks", k.liveTasks()).append(',');
      field("strongTasks", k.strongTasks()).append(',');
      field("weakTasks", k.weakTasks()).append(',');
      field("tasksStarted", k.tasksStarted()).append(',');
      field("tasksFailed", k.tasksFailed()).append(',');
      field("tasksKilled", k.tasksKilled()).append(',');
      field("messagesInFlight", k.messagesInFlight()).append('}');
    }
    out.append(',');
    name("tasks").append('[');
    sep = "";
    for (LiveSnapshot.Row r : s.tasks()) {
      out.append(sep).append('{');
      field("id", r.id()).append(',');
      field("name", r.name()).append(',');
      field("parentId", r.parentId()).append(',');
      field("state", r.state()).append(',');
      field("scheduler", r.scheduler()).append(',');
      field("mode", r.mode()).append(',');
      name("weak").append(r.weak()).append(',');
      field("runningMs", r.ageNanos() / 1_000_000).append(',');
      name("startKnown").append(r.ageKnown()).append(',');
      field("waitKind", r.waitKind()).append(',');
      field("waitDetail", r.waitDetail()).append(',');
      field("waitId", r.waitId()).append('}');
      sep = ",";
    }
    out.append("],");
    name("failures").append('[');
    sep = "";
    for (LiveSnapshot.Failure f : s.failures()) {
      out.append(sep).append('{');
      field("at", f.at().toString()).append(',');
      field("taskId", f.taskId()).append(',');
      field("taskName", f.taskName()).append(',');
      field("cause", f.cause()).append(',');
      name("killed").append('[');
      String ksep = "";
      for (LiveSnapshot.Kill kill : f.kills()) {
        out.append(ksep).append('{');
        field("taskId", kill.taskId()).append(',');
        field("taskName", kill.taskName()).append(',');
        field("viaId", kill.viaId()).append(',');
        field("direction", kill.direction()).append('}');
        ksep = ",";
      }
      out.append("]}");
      sep = ",";
    }
    out.append("],");
    name("cancelled").append('[');
    sep = "";
    for (LiveSnapshot.Row r : s.cancellations()) {
      out.append(sep).append('{');
      field("taskId", r.id()).append(',');
      field("taskName", r.name()).append('}');
      sep = ",";
    }
    out.append("]}");
    return this;
  }

  private StringBuilder name(String name) {
    string(name);
    return out.append(':');
  }

  private StringBuilder field(String name, String value) {
    name(name);
    if (value == null) {
      return out.append("null");
    }
    string(value);
    return out;
  }

  private StringBuilder field(String name, long value) {
    return name(name).append(value);
  }

  private void string(String s) {
    Json.appendString(out, s);
  }
}
