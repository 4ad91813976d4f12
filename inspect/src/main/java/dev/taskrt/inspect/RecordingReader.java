package dev.taskrt.inspect;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a recording as a stream, one event at a time ({@link RecordingFile#readEvent}), keeping a
 * compact row per task and small records of the rarer events, so memory stays bounded by the {@link
 * TaskTable}'s capacity and the caps in {@link Recording}, not by the file's size.
 */
final class RecordingReader {
  /** Files at least this large show a progress line (when progress is not turned off). */
  static final long PROGRESS_BYTES = 16L << 20;

  private static final String PREFIX = "taskrt.";

  private final Recording rec;
  private final Progress progress;

  private RecordingReader(Recording rec, Progress progress) {
    this.rec = rec;
    this.progress = progress;
  }

  /**
   * Reads {@code file}.
   *
   * @param taskCapacity tasks kept with a row of their own; the rest are counted
   * @param progressOut where the progress line goes, or null for none
   */
  static Recording read(Path file, int taskCapacity, PrintStream progressOut)
      throws InspectException {
    ChunkHeaders headers = ChunkHeaders.read(file);
    Recording rec = new Recording(file, headers, taskCapacity);
    Progress progress =
        progressOut != null && headers.fileBytes >= PROGRESS_BYTES
            ? new Progress(progressOut, file, headers)
            : null;
    new RecordingReader(rec, progress).readAll();
    rec.schedulerSeries.values().forEach(SchedulerSeries::sort);
    if (rec.eventCounts.isEmpty()) {
      throw new InspectException(
          ExitStatus.NO_TASKRT_EVENTS,
          file
              + ": a JFR recording, but it holds no taskrt events. Record with the agent's"
              + " jfr=FILE option, or with -XX:StartFlightRecording:settings=taskrt.jfc"
              + " (the default JFR settings leave taskrt events off).");
    }
    return rec;
  }

  private void readAll() throws InspectException {
    try (RecordingFile in = new RecordingFile(rec.file)) {
      while (in.hasMoreEvents()) {
        RecordedEvent event = in.readEvent();
        String type = event.getEventType().getName();
        if (type.startsWith(PREFIX)) {
          accept(type, event);
        }
        if (progress != null) {
          progress.event(event, rec);
        }
      }
    } catch (EOFException e) {
      throw damaged(e);
    } catch (IOException e) {
      throw damaged(e);
    } catch (RuntimeException | InternalError e) {
      throw damaged(e);
    } finally {
      if (progress != null) {
        progress.done();
      }
    }
  }

  private InspectException damaged(Throwable e) {
    return new InspectException(
        ExitStatus.TRUNCATED,
        rec.file
            + ": damaged recording, reading stopped: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
        e);
  }

  private void accept(String type, RecordedEvent e) {
    rec.eventCounts.merge(type, 1L, Long::sum);
    long start = nanos(e.getStartTime());
    long end = nanos(e.getEndTime());
    rec.firstNanos = Math.min(rec.firstNanos, start);
    rec.lastNanos = Math.max(rec.lastNanos, end);
    switch (type) {
      case "taskrt.TaskStart":
        taskStart(e, start);
        break;
      case "taskrt.TaskEnd":
        taskEnd(e, start, end - start);
        break;
      case "taskrt.TaskFailure":
        keep(
            rec.failures,
            new Recording.Failure(
                start,
                longOf(e, "taskId"),
                textOf(e, "taskName"),
                textOf(e, "exceptionClass"),
                textOf(e, "message"),
                textOf(e, "where"),
                threadName(e.getThread()),
                e.hasField("caughtBy") ? textOf(e, "caughtBy") : ""));
        break;
      case "taskrt.LinkedFailure":
        if (rec.linked.size() < Recording.MAX_LINKED_EVENTS) {
          rec.linked.add(
              new Recording.Linked(
                  start,
                  longOf(e, "taskId"),
                  textOf(e, "taskName"),
                  longOf(e, "sourceId"),
                  textOf(e, "sourceName"),
                  longOf(e, "viaId"),
                  textOf(e, "direction"),
                  textOf(e, "cause")));
        } else {
          rec.droppedEvents++;
        }
        break;
      case "taskrt.Unwind":
        keep(
            rec.unwinds,
            new Recording.Unwind(
                start,
                longOf(e, "taskId"),
                textOf(e, "taskName"),
                textOf(e, "scope"),
                intOf(e, "hooksRun"),
                intOf(e, "hooksFailed"),
                flagOf(e, "doubleFailure"),
                textOf(e, "failure")));
        break;
      case "taskrt.AtExit":
        keep(
            rec.atExits,
            new Recording.AtExit(
                start,
                end - start,
                textOf(e, "handler"),
                intOf(e, "order"),
                textOf(e, "outcome"),
                textOf(e, "failure")));
        break;
      case "taskrt.Shutdown":
        rec.shutdowns.add(
            new Recording.Shutdown(
                start,
                end - start,
                textOf(e, "trigger"),
                intOf(e, "exitStatus"),
                intOf(e, "strongWaited"),
                intOf(e, "strongKilled"),
                intOf(e, "atExitRun"),
                intOf(e, "atExitFailed"),
                intOf(e, "weakKilled"),
                intOf(e, "abandoned"),
                textOf(e, "abandonedNames")));
        break;
      case "taskrt.KernelStats":
        kernelStats(e, start);
        break;
      case "taskrt.LiveTasks":
        liveTasks(e, start);
        break;
      case "taskrt.LiveTask":
        liveTask(e);
        break;
      case "taskrt.SchedulerStats":
        rec.schedulerSeries
            .computeIfAbsent(textOf(e, "scheduler"), k -> new SchedulerSeries())
            .add(start, longOf(e, "liveTasks"), longOf(e, "tasksStarted"));
        break;
      case "taskrt.StackSegment":
        stackSegment(e);
        break;
      case "taskrt.ForeignCall":
        timed(rec.foreignByMethod, textOf(e, "method"), end - start, textOf(e, "failure"));
        break;
      case "taskrt.PipeBlocked":
        timed(rec.pipeWaitsByOperation, textOf(e, "operation"), end - start, null);
        break;
      default:
        break; // an event of a later runtime: counted, not shown
    }
  }

  private <T> void keep(java.util.List<T> list, T value) {
    if (list.size() < Recording.MAX_FAILURE_EVENTS) {
      list.add(value);
    } else {
      rec.droppedEvents++;
    }
  }

  private void taskStart(RecordedEvent e, long start) {
    rec.taskStarts++;
    long id = longOf(e, "taskId");
    int row = rec.tasks.rowFor(id);
    if (row < 0) {
      return;
    }
    rec.tasks.started(
        row,
        longOf(e, "parentId"),
        rec.names.internTaskName(textOf(e, "taskName"), id),
        rec.schedulers.intern(textOf(e, "scheduler")),
        TaskTable.modeCode(textOf(e, "mode")),
        flagOf(e, "weak"),
        thread(e.getThread()),
        start);
  }

  private void taskEnd(RecordedEvent e, long start, long duration) {
    rec.taskEnds++;
    long id = longOf(e, "taskId");
    String name = textOf(e, "taskName");
    String scheduler = textOf(e, "scheduler");
    String outcome = textOf(e, "outcome");
    int outcomeCode = TaskTable.outcomeCode(outcome);
    long highWater = longOf(e, "stackHighWater");
    int segments = intOf(e, "segmentsCrossed");
    long allocated = longOf(e, "allocatedBytes");
    rec.outcomes[outcomeCode]++;
    rec.outcomesByScheduler
        .computeIfAbsent(scheduler == null ? "?" : scheduler, k -> new long[4])[outcomeCode]++;
    rec.durations.add(duration);
    if (duration >= rec.durations.max()) {
      rec.maxDurationTask = id;
      rec.maxDurationName = name;
    }
    if (highWater > 0) {
      rec.highWaters.add(highWater);
      if (highWater >= rec.highWaters.max()) {
        rec.maxHighWaterTask = id;
        rec.maxHighWaterName = name;
      }
      offerStack(new Recording.StackUse(id, name, highWater, segments, outcome, scheduler));
    }
    if (allocated >= 0) {
      rec.allocations.add(allocated);
      if (allocated >= rec.allocations.max()) {
        rec.maxAllocatedTask = id;
        rec.maxAllocatedName = name;
      }
    }
    if (outcomeCode != TaskTable.DONE && rec.endFailures.size() < Recording.MAX_FAILURE_EVENTS) {
      String failure = textOf(e, "failure");
      if (failure != null && !failure.isEmpty()) {
        rec.endFailures.put(id, failure);
      }
    }
    int row = rec.tasks.rowFor(id);
    if (row < 0) {
      return;
    }
    rec.tasks.ended(
        row,
        longOf(e, "parentId"),
        rec.names.internTaskName(name, id),
        rec.schedulers.intern(scheduler),
        outcomeCode,
        flagOf(e, "weak"),
        thread(e.getThread()),
        start,
        duration,
        highWater,
        segments,
        allocated);
  }

  private void offerStack(Recording.StackUse use) {
    if (rec.topStacks.size() < Recording.TOP_STACKS) {
      rec.topStacks.add(use);
    } else if (use.compareTo(rec.topStacks.peek()) > 0) {
      rec.topStacks.poll();
      rec.topStacks.add(use);
    }
  }

  private void kernelStats(RecordedEvent e, long time) {
    Recording.KernelStats stats =
        new Recording.KernelStats(
            time,
            longOf(e, "liveTasks"),
            longOf(e, "strongTasks"),
            longOf(e, "weakTasks"),
            longOf(e, "tasksStarted"),
            longOf(e, "tasksFailed"),
            longOf(e, "tasksKilled"),
            longOf(e, "messagesInFlight"));
    if (rec.lastStats == null || rec.lastStats.time() <= time) {
      rec.lastStats = stats;
    }
    rec.maxMessagesInFlight = Math.max(rec.maxMessagesInFlight, stats.messagesInFlight());
    rec.maxLiveTasks = Math.max(rec.maxLiveTasks, stats.liveTasks());
  }

  private void liveTasks(RecordedEvent e, long time) {
    rec.liveSnapshots++;
    Recording.LiveTasks live =
        new Recording.LiveTasks(
            time,
            longOf(e, "snapshot"),
            longOf(e, "liveTasks"),
            longOf(e, "running"),
            longOf(e, "blocked"),
            longOf(e, "foreign"),
            longOf(e, "unwinding"));
    if (rec.lastLive == null || rec.lastLive.snapshot() <= live.snapshot()) {
      rec.lastLive = live;
    }
  }

  /** Counts the rows of the newest snapshot by what they wait on. */
  private void liveTask(RecordedEvent e) {
    long snapshot = longOf(e, "snapshot");
    if (snapshot < rec.liveRowsSnapshot) {
      return;
    }
    if (snapshot > rec.liveRowsSnapshot) {
      rec.liveRowsSnapshot = snapshot;
      rec.liveRowsByWait.clear();
    }
    String kind = textOf(e, "waitKind");
    if (!kind.isEmpty()) {
      rec.liveRowsByWait.merge(kind, 1L, Long::sum);
    }
  }

  private void stackSegment(RecordedEvent e) {
    rec.segmentEvents++;
    long id = longOf(e, "taskId");
    long bytes = longOf(e, "stackBytes");
    Recording.Segment known = rec.deepestSegments.get(id);
    if (known == null && rec.deepestSegments.size() >= Recording.MAX_SEGMENT_TASKS) {
      return;
    }
    if (known == null || known.stackBytes() < bytes) {
      rec.deepestSegments.put(
          id,
          new Recording.Segment(
              textOf(e, "method"), bytes, intOf(e, "depth"), intOf(e, "segment")));
    }
  }

  private static void timed(
      java.util.Map<String, Recording.Timed> map, String key, long nanos, String failure) {
    if (key == null) {
      key = "?";
    }
    Recording.Timed timed = map.get(key);
    if (timed == null) {
      if (map.size() >= 1_000) {
        key = "(others)";
        timed = map.computeIfAbsent(key, k -> new Recording.Timed());
      } else {
        timed = new Recording.Timed();
        map.put(key, timed);
      }
    }
    timed.add(nanos, failure != null && !failure.isEmpty());
  }

  private int thread(RecordedThread thread) {
    if (thread == null) {
      return -1;
    }
    long id = thread.getJavaThreadId();
    if (id <= 0) {
      id = -thread.getOSThreadId() - 1;
    }
    int index = rec.threadsById.get(id);
    if (index >= 0) {
      return index;
    }
    index = rec.threadNames.intern(threadName(thread) + "\u0000" + id);
    if (index >= 0) {
      rec.threadsById.put(id, index);
    }
    return index;
  }

  private static String threadName(RecordedThread thread) {
    if (thread == null) {
      return "?";
    }
    String name = thread.getJavaName();
    return name != null ? name : thread.getOSName();
  }

  // Field access by RecordedObject.getValue: the typed getters (getLong, getString, ...) also
  // validate the field's type and look for an @Unsigned annotation on every call, which costs
  // more than the parsing itself on a million-task recording. The values' types are known here.

  private static long longOf(RecordedEvent e, String field) {
    Object v = e.getValue(field);
    return v instanceof Number ? ((Number) v).longValue() : 0;
  }

  private static int intOf(RecordedEvent e, String field) {
    Object v = e.getValue(field);
    return v instanceof Number ? ((Number) v).intValue() : 0;
  }

  private static String textOf(RecordedEvent e, String field) {
    Object v = e.getValue(field);
    return v instanceof String ? (String) v : null;
  }

  private static boolean flagOf(RecordedEvent e, String field) {
    return Boolean.TRUE.equals(e.getValue(field));
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** The progress line on stderr, redrawn in place with a carriage return. */
  static final class Progress {
    private static final long EVERY_NANOS = Duration.ofMillis(250).toNanos();

    private final PrintStream out;
    private final String label;
    private final ChunkHeaders headers;
    private long events;
    private long lastDraw = System.nanoTime();
    private long furthest;
    private boolean drawn;

    Progress(PrintStream out, Path file, ChunkHeaders headers) {
      this.out = out;
      this.label = String.valueOf(file.getFileName());
      this.headers = headers;
    }

    void event(RecordedEvent event, Recording rec) {
      events++;
      if ((events & 0x3ff) != 0) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastDraw < EVERY_NANOS) {
        return;
      }
      lastDraw = now;
      furthest = Math.max(furthest, nanos(event.getEndTime()));
      long span = Math.max(1, headers.endNanos - headers.startNanos);
      long percent = Math.max(0, Math.min(99, (furthest - headers.startNanos) * 100 / span));
      out.print(
          String.format(
              "\rreading %s: %2d%%  %,d events, %,d tasks ended ",
              label, percent, events, rec.taskEnds));
      out.flush();
      drawn = true;
    }

    void done() {
      if (drawn) {
        out.print("\r" + " ".repeat(79) + "\r");
        out.flush();
      }
    }
  }
}
