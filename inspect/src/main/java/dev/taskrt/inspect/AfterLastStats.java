package dev.taskrt.inspect;

/**
 * What changed after the kernel's last {@code taskrt.KernelStats} report: the tasks whose TaskEnd
 * or TaskStart falls after it. A report is a snapshot (periodic, and one at the end of the kernel's
 * shutdown); a weak task killed at shutdown can end after the last one, so the report's live count
 * alone would disagree with the tree. Counted over the tasks that have a row in the {@link
 * TaskTable}.
 *
 * @param ended tasks that ended after the report
 * @param started tasks that started after the report
 */
record AfterLastStats(long ended, long started) {
  /** Counts, for {@code stats}, the tasks of {@code rec} that started or ended after it. */
  static AfterLastStats of(Recording rec, Recording.KernelStats stats) {
    long at = stats.time();
    long ended = 0;
    long started = 0;
    TaskTable tasks = rec.tasks;
    for (int row = 0; row < tasks.size(); row++) {
      boolean startedAfter = tasks.started(row) && tasks.start(row) > at;
      boolean endedAfter = tasks.ended(row) && tasks.start(row) + tasks.duration(row) > at;
      if (startedAfter && endedAfter) {
        continue; // started and ended after: never in the report, not live at the end
      }
      if (startedAfter) {
        started++;
      } else if (endedAfter) {
        ended++;
      }
    }
    return new AfterLastStats(ended, started);
  }

  /** The report's live count, less the tasks that ended after it, plus those started after it. */
  long liveAtEnd(Recording.KernelStats stats) {
    return Math.max(0, stats.liveTasks() - ended + started);
  }

  /** {@code "; after it N ended, M started: K live at the end"}, or nothing when none did. */
  String sentence(Recording.KernelStats stats) {
    if (ended == 0 && started == 0) {
      return "";
    }
    return "; after it "
        + ended
        + " ended, "
        + started
        + " started: "
        + liveAtEnd(stats)
        + " live at the end of the recording";
  }
}
