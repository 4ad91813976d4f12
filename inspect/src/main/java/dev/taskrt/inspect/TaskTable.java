package dev.taskrt.inspect;

/**
 * One compact row per task seen in the recording, in columns of primitive arrays allocated in
 * chunks (no per-task object, no copying when it grows): about 64 bytes a task, so a million tasks
 * take ~64 MiB. Rows are added up to a capacity chosen from the heap; tasks beyond it still count
 * in every aggregate but have no row (the tree and the timeline then say how many are missing).
 */
final class TaskTable {
  /** Rows per chunk of each column. */
  private static final int CHUNK = 1 << 14;

  private static final int SHIFT = 14;

  /** Bytes a row costs, counted for the capacity. */
  static final int BYTES_PER_ROW = 64 + 12 * 2;

  /** Outcomes, as stored. */
  static final int RUNNING = 0;

  static final int DONE = 1;
  static final int FAILED = 2;
  static final int KILLED = 3;

  private static final String[] OUTCOMES = {"RUNNING", "DONE", "FAILED", "KILLED"};
  private static final String[] MODES = {"?", "LINKED", "SUPERVISED", "UNLINKED"};

  private static final int F_OUTCOME = 0x3;
  private static final int F_MODE_SHIFT = 2;
  private static final int F_WEAK = 1 << 4;
  private static final int F_STARTED = 1 << 5;
  private static final int F_ENDED = 1 << 6;
  private static final int F_SCHED_SHIFT = 8;

  private final int capacity;
  private final LongIntMap rowsById = new LongIntMap(1 << 12);
  private long[][] ids = new long[0][];
  private long[][] parents = new long[0][];
  private long[][] starts = new long[0][];
  private long[][] durations = new long[0][];
  private long[][] highWaters = new long[0][];
  private long[][] allocated = new long[0][];
  private int[][] flags = new int[0][];
  private int[][] names = new int[0][];
  private int[][] threads = new int[0][];
  private int[][] segments = new int[0][];
  private int rows;
  private long overflow;

  TaskTable(int capacity) {
    this.capacity = capacity;
  }

  /** The row of task {@code id}, or -1. */
  int row(long id) {
    return rowsById.get(id);
  }

  /** The row of task {@code id}, added if new; -1 when the table is full. */
  int rowFor(long id) {
    int row = rowsById.get(id);
    if (row >= 0) {
      return row;
    }
    if (rows >= capacity) {
      overflow++;
      return -1;
    }
    row = rows++;
    if ((row >>> SHIFT) >= ids.length) {
      addChunk();
    }
    rowsById.put(id, row);
    setLong(ids, row, id);
    setLong(durations, row, -1);
    setLong(allocated, row, -1);
    setInt(names, row, StringTable.UNKNOWN);
    setInt(threads, row, -1);
    return row;
  }

  private void addChunk() {
    int n = ids.length + 1;
    ids = grow(ids, n);
    parents = grow(parents, n);
    starts = grow(starts, n);
    durations = grow(durations, n);
    highWaters = grow(highWaters, n);
    allocated = grow(allocated, n);
    flags = grow(flags, n);
    names = grow(names, n);
    threads = grow(threads, n);
    segments = grow(segments, n);
  }

  private static long[][] grow(long[][] column, int n) {
    long[][] bigger = java.util.Arrays.copyOf(column, n);
    bigger[n - 1] = new long[CHUNK];
    return bigger;
  }

  private static int[][] grow(int[][] column, int n) {
    int[][] bigger = java.util.Arrays.copyOf(column, n);
    bigger[n - 1] = new int[CHUNK];
    return bigger;
  }

  private static long getLong(long[][] c, int row) {
    return c[row >>> SHIFT][row & (CHUNK - 1)];
  }

  private static void setLong(long[][] c, int row, long v) {
    c[row >>> SHIFT][row & (CHUNK - 1)] = v;
  }

  private static int getInt(int[][] c, int row) {
    return c[row >>> SHIFT][row & (CHUNK - 1)];
  }

  private static void setInt(int[][] c, int row, int v) {
    c[row >>> SHIFT][row & (CHUNK - 1)] = v;
  }

  /** Rows in the table. */
  int size() {
    return rows;
  }

  /** Tasks seen after the table was full (counted, not stored; events of one task may repeat). */
  long overflow() {
    return overflow;
  }

  /** Whether every task seen has a row. */
  boolean complete() {
    return overflow == 0;
  }

  // ---- writers

  void started(
      int row, long parent, int name, int scheduler, int mode, boolean weak, int thread, long at) {
    setLong(parents, row, parent);
    if (getInt(names, row) == StringTable.UNKNOWN) {
      setInt(names, row, name);
    }
    int f = getInt(flags, row);
    f = (f & ~(0x3 << F_MODE_SHIFT)) | (mode << F_MODE_SHIFT) | F_STARTED;
    if ((f & F_ENDED) == 0) {
      f = (f & ((1 << F_SCHED_SHIFT) - 1)) | ((scheduler + 1) << F_SCHED_SHIFT);
      if (getInt(threads, row) < 0) {
        setInt(threads, row, thread);
      }
      setLong(starts, row, at);
    }
    if (weak) {
      f |= F_WEAK;
    }
    setInt(flags, row, f);
  }

  void ended(
      int row,
      long parent,
      int name,
      int scheduler,
      int outcome,
      boolean weak,
      int thread,
      long start,
      long duration,
      long highWater,
      int segmentsCrossed,
      long allocatedBytes) {
    setLong(parents, row, parent);
    setInt(names, row, name);
    int f = getInt(flags, row);
    f = (f & ~F_OUTCOME & ((1 << F_SCHED_SHIFT) - 1)) | outcome | F_ENDED;
    f |= (scheduler + 1) << F_SCHED_SHIFT;
    if (weak) {
      f |= F_WEAK;
    }
    setInt(flags, row, f);
    setInt(threads, row, thread);
    setLong(starts, row, start);
    setLong(durations, row, duration);
    setLong(highWaters, row, highWater);
    setInt(segments, row, segmentsCrossed);
    setLong(allocated, row, allocatedBytes);
  }

  // ---- readers

  long id(int row) {
    return getLong(ids, row);
  }

  long parent(int row) {
    return getLong(parents, row);
  }

  /** Start, in nanoseconds since the epoch. */
  long start(int row) {
    return getLong(starts, row);
  }

  /** Run time in nanoseconds, or -1 when the task has no end in the recording. */
  long duration(int row) {
    return getLong(durations, row);
  }

  long highWater(int row) {
    return getLong(highWaters, row);
  }

  long allocated(int row) {
    return getLong(allocated, row);
  }

  int segments(int row) {
    return getInt(segments, row);
  }

  int nameIndex(int row) {
    return getInt(names, row);
  }

  int thread(int row) {
    return getInt(threads, row);
  }

  int outcome(int row) {
    return getInt(flags, row) & F_OUTCOME;
  }

  String outcomeName(int row) {
    return OUTCOMES[outcome(row)];
  }

  String mode(int row) {
    return MODES[(getInt(flags, row) >>> F_MODE_SHIFT) & 0x3];
  }

  boolean weak(int row) {
    return (getInt(flags, row) & F_WEAK) != 0;
  }

  boolean started(int row) {
    return (getInt(flags, row) & F_STARTED) != 0;
  }

  boolean ended(int row) {
    return (getInt(flags, row) & F_ENDED) != 0;
  }

  int scheduler(int row) {
    return (getInt(flags, row) >>> F_SCHED_SHIFT) - 1;
  }

  /** Mode code for {@link #started}. */
  static int modeCode(String mode) {
    if (mode == null) {
      return 0;
    }
    switch (mode) {
      case "LINKED":
        return 1;
      case "SUPERVISED":
        return 2;
      case "UNLINKED":
        return 3;
      default:
        return 0;
    }
  }

  /** Outcome code for {@link #ended}. */
  static int outcomeCode(String outcome) {
    if (outcome == null) {
      return RUNNING;
    }
    switch (outcome) {
      case "DONE":
        return DONE;
      case "FAILED":
        return FAILED;
      case "KILLED":
        return KILLED;
      default:
        return RUNNING;
    }
  }
}
