package dev.taskrt.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What {@link RecordingReader} kept of a recording: a compact row per task ({@link TaskTable}),
 * aggregates over every task, and the rarer events (failures, linked failures, unwinds, at_exit,
 * shutdown) as small records, each list capped so memory stays bounded whatever the input.
 */
final class Recording {
  /** Most failure-related events kept; beyond this they are counted. */
  static final int MAX_FAILURE_EVENTS = 20_000;

  /** Most linked-failure events kept. */
  static final int MAX_LINKED_EVENTS = 200_000;

  /** Tasks kept by highest stack use, for the stacks view. */
  static final int TOP_STACKS = 100;

  /** Tasks whose deepest segment crossing is kept. */
  static final int MAX_SEGMENT_TASKS = 10_000;

  /** A task's own failure (not a kill). */
  record Failure(
      long time,
      long taskId,
      String taskName,
      String exceptionClass,
      String message,
      String where,
      String thread,
      String caughtBy) {}

  /** A task was killed because {@code sourceId} failed; {@code viaId} passed it on. */
  record Linked(
      long time,
      long taskId,
      String taskName,
      long sourceId,
      String sourceName,
      long viaId,
      String direction,
      String cause) {}

  /** Hooks ran while a frame or a task unwound. */
  record Unwind(
      long time,
      long taskId,
      String taskName,
      String scope,
      int hooksRun,
      int hooksFailed,
      boolean doubleFailure,
      String failure) {}

  /** An at_exit handler ran. */
  record AtExit(
      long start, long duration, String handler, int order, String outcome, String failure) {}

  /** The kernel's shutdown sequence. */
  record Shutdown(
      long start,
      long duration,
      String trigger,
      int exitStatus,
      int strongWaited,
      int strongKilled,
      int atExitRun,
      int atExitFailed,
      int weakKilled,
      int abandoned,
      String abandonedNames) {}

  /** The periodic kernel counters. */
  record KernelStats(
      long time,
      long liveTasks,
      long strongTasks,
      long weakTasks,
      long tasksStarted,
      long tasksFailed,
      long tasksKilled,
      long messagesInFlight) {}

  /** A live-task snapshot's counts ({@code taskrt.LiveTasks}, taken while {@code top} watched). */
  record LiveTasks(
      long time,
      long snapshot,
      long liveTasks,
      long running,
      long blocked,
      long foreign,
      long unwinding) {}

  /** The deepest stack segment crossing of a task. */
  record Segment(String method, long stackBytes, int depth, int segment) {}

  /** A task's stack use, for the stacks view. */
  record StackUse(
      long taskId, String taskName, long highWater, int segments, String outcome, String scheduler)
      implements Comparable<StackUse> {
    @Override
    public int compareTo(StackUse other) {
      int c = Long.compare(highWater, other.highWater);
      if (c == 0) {
        c = Integer.compare(segments, other.segments);
      }
      return c != 0 ? c : Long.compare(other.taskId, taskId);
    }
  }

  /** Count, total and longest of a kind of timed event. */
  static final class Timed {
    long count;
    long totalNanos;
    long maxNanos;
    long failures;

    void add(long nanos, boolean failed) {
      count++;
      totalNanos += nanos;
      maxNanos = Math.max(maxNanos, nanos);
      if (failed) {
        failures++;
      }
    }
  }

  final Path file;
  final ChunkHeaders headers;
  final TaskTable tasks;
  final StringTable names = new StringTable(200_000);
  final StringTable schedulers = new StringTable(1_000);
  final StringTable threadNames = new StringTable(50_000);
  final LongIntMap threadsById = new LongIntMap(64);

  /** taskrt events by type name, in the order first seen. */
  final Map<String, Long> eventCounts = new LinkedHashMap<>();

  long taskStarts;
  long taskEnds;
  final long[] outcomes = new long[4];
  final Map<String, long[]> outcomesByScheduler = new TreeMap<>();
  final Histogram durations = new Histogram();
  final Histogram highWaters = new Histogram();
  final Histogram allocations = new Histogram();
  long maxHighWaterTask = -1;
  String maxHighWaterName = "";
  long maxAllocatedTask = -1;
  String maxAllocatedName = "";
  long maxDurationTask = -1;
  String maxDurationName = "";
  final PriorityQueue<StackUse> topStacks = new PriorityQueue<>();

  final List<Failure> failures = new ArrayList<>();
  final List<Linked> linked = new ArrayList<>();
  final List<Unwind> unwinds = new ArrayList<>();
  final List<AtExit> atExits = new ArrayList<>();
  final List<Shutdown> shutdowns = new ArrayList<>();
  long droppedEvents;

  /** What each task that did not end DONE ended with (TaskEnd's failure), by task id. */
  final Map<Long, String> endFailures = new HashMap<>();

  KernelStats lastStats;

  /** Live-task snapshots in the recording, the last of them, and its rows by what they wait on. */
  long liveSnapshots;

  LiveTasks lastLive;
  long liveRowsSnapshot;
  final Map<String, Long> liveRowsByWait = new TreeMap<>();

  /** SchedulerStats events by scheduler name. */
  final Map<String, SchedulerSeries> schedulerSeries = new TreeMap<>();

  long maxMessagesInFlight;
  long maxLiveTasks;
  final Map<Long, Segment> deepestSegments = new HashMap<>();
  final Map<String, Timed> foreignByMethod = new TreeMap<>();
  final Map<String, Timed> pipeWaitsByOperation = new TreeMap<>();
  long segmentEvents;

  /** Earliest and latest instants of any taskrt event, in nanoseconds since the epoch. */
  long firstNanos = Long.MAX_VALUE;

  long lastNanos = Long.MIN_VALUE;

  Recording(Path file, ChunkHeaders headers, int taskCapacity) {
    this.file = file;
    this.headers = headers;
    this.tasks = new TaskTable(taskCapacity);
  }

  /** The recording's first instant (of a taskrt event, else of the file). */
  long origin() {
    return firstNanos != Long.MAX_VALUE ? firstNanos : headers.startNanos;
  }

  /** Span from the first to the last taskrt event, in nanoseconds. */
  long span() {
    return lastNanos >= firstNanos ? lastNanos - firstNanos : 0;
  }

  /** A task's name, from its row. */
  String name(int row) {
    return names.taskName(tasks.nameIndex(row), tasks.id(row));
  }

  /** A task's name by id, or {@code ?} when it has no row. */
  String nameOf(long id) {
    int row = tasks.row(id);
    return row < 0 ? "?" : name(row);
  }

  /** A task's thread name, from its row. */
  String threadName(int row) {
    return threadLabel(tasks.thread(row));
  }

  /** A thread's name by its index (the table keys names with their thread id after a NUL). */
  String threadLabel(int index) {
    String key = threadNames.get(index, "?");
    int cut = key.indexOf('\u0000');
    return cut < 0 ? key : key.substring(0, cut);
  }

  /** A task's scheduler, from its row. */
  String schedulerName(int row) {
    return schedulers.get(tasks.scheduler(row), "?");
  }

  /** Tasks with no TaskEnd (still running when the recording ended). */
  long stillRunning() {
    long running = 0;
    for (int row = 0; row < tasks.size(); row++) {
      if (!tasks.ended(row)) {
        running++;
      }
    }
    return running;
  }

  /** Top stack users, largest first. */
  List<StackUse> stacksDescending() {
    List<StackUse> list = new ArrayList<>(topStacks);
    list.sort((a, b) -> b.compareTo(a));
    return list;
  }

  /** Unwind events of one task, in time order. */
  List<Unwind> unwindsOf(long taskId) {
    List<Unwind> list = new ArrayList<>();
    for (Unwind u : unwinds) {
      if (u.taskId() == taskId) {
        list.add(u);
      }
    }
    return list;
  }
}
