package dev.taskrt.inspect;

import java.util.Arrays;

/**
 * One scheduler's {@code taskrt.SchedulerStats} events over the recording: its live tasks over time
 * (at most {@link #MAX_POINTS} points; when full, every other point is dropped, so a long recording
 * keeps an even sample), the most it ran at once, and how many it was given in all.
 */
final class SchedulerSeries {
  /** Most points kept per scheduler. */
  static final int MAX_POINTS = 2_048;

  private long[] times = new long[16];
  private long[] live = new long[16];
  private int size;
  private int stride = 1;
  private long seen;

  long peakLive;
  long lastTime = Long.MIN_VALUE;
  long lastLive;
  long tasksStarted;

  void add(long time, long liveTasks, long started) {
    peakLive = Math.max(peakLive, liveTasks);
    if (time >= lastTime) {
      lastTime = time;
      lastLive = liveTasks;
    }
    tasksStarted = Math.max(tasksStarted, started);
    if (seen++ % stride != 0) {
      return;
    }
    if (size == MAX_POINTS) {
      for (int i = 0; i < size / 2; i++) {
        times[i] = times[2 * i];
        live[i] = live[2 * i];
      }
      size /= 2;
      stride *= 2;
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      live = Arrays.copyOf(live, size * 2);
    }
    times[size] = time;
    live[size] = liveTasks;
    size++;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  long live(int i) {
    return live[i];
  }

  /** The points in time order (events of several chunks may arrive out of order). */
  void sort() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    long[] t = new long[size];
    long[] l = new long[size];
    for (int i = 0; i < size; i++) {
      t[i] = times[order[i]];
      l[i] = live[order[i]];
    }
    times = t;
    live = l;
  }
}
