package dev.taskrt.inspect.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Folds the taskrt events of a live stream into what {@code top} shows. The stream's thread calls
 * {@link #accept}; the screen's thread calls {@link #snapshot}; both under this object's monitor.
 *
 * <p>A live-task snapshot is the {@code taskrt.LiveTask} rows with one snapshot number, closed by
 * the {@code taskrt.LiveTasks} event with that number; only closed snapshots are shown, so a
 * half-delivered one never is. Failures, kills and cancellations are kept from the moment the
 * stream began, the newest {@link #MAX_FAILURES} of each.
 */
final class LiveModel {
  /** Failures (each with its kills) and cancellations kept, newest first. */
  static final int MAX_FAILURES = 20;

  /** Rows of snapshots not yet closed; older ones are dropped when a later one closes. */
  private final Map<Long, List<RawRow>> pending = new HashMap<>();

  /** When each task was first listed in this stream, for rows that carry no time of their own. */
  private Map<Long, Instant> firstSeen = new HashMap<>();

  /** When the stream's first snapshot closed: tasks listed since then started after it attached. */
  private Instant firstAt;

  private List<RawRow> rows = List.of();
  private LiveSnapshot.Live live;
  private Instant at;
  private long closed;
  private LiveSnapshot.Kernel kernel;
  private final LinkedHashMap<Long, FailureEntry> failures = new LinkedHashMap<>();
  private final LinkedHashMap<Long, LiveSnapshot.Row> killedEnds = new LinkedHashMap<>();

  private record RawRow(
      long id,
      String name,
      long parentId,
      String state,
      String scheduler,
      String mode,
      boolean weak,
      long listedSinceMillis,
      String waitKind,
      String waitDetail,
      long waitId) {}

  private static final class FailureEntry {
    Instant at;
    String taskName;
    String cause;
    final List<LiveSnapshot.Kill> kills = new ArrayList<>();
  }

  /** Takes one event of the stream; events of other types are ignored. */
  synchronized void accept(RecordedEvent e) {
    switch (e.getEventType().getName()) {
      case "taskrt.LiveTask":
        pending
            .computeIfAbsent(e.getLong("snapshot"), k -> new ArrayList<>())
            .add(
                new RawRow(
                    e.getLong("taskId"),
                    text(e, "taskName"),
                    e.getLong("parentId"),
                    text(e, "state"),
                    text(e, "scheduler"),
                    text(e, "mode"),
                    e.getBoolean("weak"),
                    listedSince(e),
                    text(e, "waitKind"),
                    text(e, "waitDetail"),
                    e.getLong("waitId")));
        break;
      case "taskrt.LiveTasks":
        close(e);
        break;
      case "taskrt.KernelStats":
        kernel =
            new LiveSnapshot.Kernel(
                e.getLong("liveTasks"),
                e.getLong("strongTasks"),
                e.getLong("weakTasks"),
                e.getLong("tasksStarted"),
                e.getLong("tasksFailed"),
                e.getLong("tasksKilled"),
                e.getLong("messagesInFlight"));
        break;
      case "taskrt.TaskFailure":
        {
          FailureEntry f = failure(e.getLong("taskId"), e.getStartTime());
          f.taskName = text(e, "taskName");
          String message = text(e, "message");
          f.cause =
              shortClass(text(e, "exceptionClass"))
                  + (message.isEmpty() || message.equals("null") ? "" : ": " + message);
          break;
        }
      case "taskrt.LinkedFailure":
        {
          FailureEntry f = failure(e.getLong("sourceId"), e.getStartTime());
          if (f.taskName == null) {
            f.taskName = text(e, "sourceName");
            f.cause = shortCause(text(e, "cause"));
          }
          f.kills.add(
              new LiveSnapshot.Kill(
                  e.getLong("taskId"),
                  text(e, "taskName"),
                  e.getLong("viaId"),
                  text(e, "direction")));
          break;
        }
      case "taskrt.TaskEnd":
        if ("KILLED".equals(text(e, "outcome"))) {
          long id = e.getLong("taskId");
          killedEnds.put(
              id,
              new LiveSnapshot.Row(
                  id,
                  text(e, "taskName"),
                  e.getLong("parentId"),
                  "KILLED",
                  text(e, "scheduler"),
                  "",
                  e.getBoolean("weak"),
                  Duration.between(e.getStartTime(), e.getEndTime()).toNanos(),
                  true,
                  "",
                  "",
                  0));
          trim(killedEnds, MAX_FAILURES * 4);
        }
        break;
      default:
        break;
    }
  }

  private FailureEntry failure(long taskId, Instant time) {
    FailureEntry f = failures.get(taskId);
    if (f == null) {
      f = new FailureEntry();
      f.at = time;
      failures.put(taskId, f);
      trim(failures, MAX_FAILURES);
    }
    return f;
  }

  private static <V> void trim(LinkedHashMap<Long, V> map, int max) {
    while (map.size() > max) {
      map.remove(map.keySet().iterator().next());
    }
  }

  private void close(RecordedEvent e) {
    long number = e.getLong("snapshot");
    List<RawRow> listed = pending.remove(number);
    pending.keySet().removeIf(n -> n < number);
    rows = listed == null ? List.of() : listed;
    at = e.getStartTime();
    if (firstAt == null) {
      firstAt = at;
    }
    live =
        new LiveSnapshot.Live(
            e.getLong("liveTasks"),
            e.getLong("listed"),
            e.getLong("running"),
            e.getLong("blocked"),
            e.getLong("foreign"),
            e.getLong("unwinding"));
    Map<Long, Instant> seen = new HashMap<>();
    for (RawRow r : rows) {
      seen.put(r.id(), firstSeen.getOrDefault(r.id(), at));
    }
    firstSeen = seen;
    closed++;
  }

  /** The row's {@code listedSince}, or 0 from a runtime whose rows carry none. */
  private static long listedSince(RecordedEvent e) {
    return e.hasField("listedSince") ? e.getLong("listedSince") : 0;
  }

  /** How many live-task snapshots have been closed since the stream began. */
  synchronized long closedSnapshots() {
    return closed;
  }

  /** Whether a {@code taskrt.KernelStats} event has arrived. */
  synchronized boolean hasKernelStats() {
    return kernel != null;
  }

  /** What to show now, or null before the first snapshot closed. */
  synchronized LiveSnapshot snapshot() {
    if (at == null) {
      return null;
    }
    List<LiveSnapshot.Row> tasks = new ArrayList<>(rows.size());
    Map<String, Integer> bySchedulers = new TreeMap<>();
    for (RawRow r : rows) {
      // A row's time is the first snapshot that listed the task: it started before then, and
      // after the snapshot before when that one came after top attached (the age is then known
      // to one interval); a task listed at top's first snapshot started at some time before.
      Instant listedSince =
          r.listedSinceMillis() > 0
              ? Instant.ofEpochMilli(r.listedSinceMillis())
              : firstSeen.getOrDefault(r.id(), at);
      boolean known = listedSince.isAfter(firstAt);
      Instant start = listedSince;
      tasks.add(
          new LiveSnapshot.Row(
              r.id(),
              r.name(),
              r.parentId(),
              r.state(),
              r.scheduler(),
              r.mode(),
              r.weak(),
              Math.max(0, Duration.between(start, at).toNanos()),
              known,
              r.waitKind(),
              r.waitDetail(),
              r.waitId()));
      bySchedulers.merge(r.scheduler(), 1, Integer::sum);
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    bySchedulers.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(en -> ordered.put(en.getKey(), en.getValue()));
    Set<Long> killedByFailure = new HashSet<>();
    List<LiveSnapshot.Failure> failureList = new ArrayList<>();
    for (Map.Entry<Long, FailureEntry> en : failures.entrySet()) {
      FailureEntry f = en.getValue();
      for (LiveSnapshot.Kill k : f.kills) {
        killedByFailure.add(k.taskId());
      }
      failureList.add(
          new LiveSnapshot.Failure(
              f.at,
              en.getKey(),
              f.taskName == null ? "?" : f.taskName,
              f.cause == null ? "" : f.cause,
              List.copyOf(f.kills)));
    }
    failureList.sort(Comparator.comparing(LiveSnapshot.Failure::at).reversed());
    List<LiveSnapshot.Row> cancelled = new ArrayList<>();
    for (LiveSnapshot.Row r : killedEnds.values()) {
      if (!killedByFailure.contains(r.id())) {
        cancelled.add(0, r);
      }
    }
    return new LiveSnapshot(
        at,
        live,
        ordered,
        tasks,
        kernel,
        failureList,
        cancelled.subList(0, Math.min(MAX_FAILURES, cancelled.size())));
  }

  private static String text(RecordedEvent e, String field) {
    String s = e.hasField(field) ? e.getString(field) : null;
    return s == null ? "" : s;
  }

  /** {@code java.lang.IllegalStateException} as {@code IllegalStateException}. */
  static String shortClass(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }

  /** {@code pkg.Class: message} with the class name shortened. */
  static String shortCause(String cause) {
    int colon = cause.indexOf(": ");
    String cls = colon < 0 ? cause : cause.substring(0, colon);
    return shortClass(cls) + (colon < 0 ? "" : cause.substring(colon));
  }
}
