package dev.taskrt.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Not API. How many tasks one scheduler runs now and has run: counted by the kernel when a task it
 * runs is admitted and when it ends, read by {@code Kernel.schedulers()} and the periodic {@code
 * taskrt.SchedulerStats} event.
 *
 * <p>Two adders rather than one live counter, so a start and an end on different threads never
 * contend on one cache line; {@link #live()} reads ended before started, so it is never negative.
 */
public final class SchedulerLoad {
  /** The scheduler's registered name. */
  final String name;

  private final LongAdder started = new LongAdder();
  private final LongAdder ended = new LongAdder();

  SchedulerLoad(String name) {
    this.name = name;
  }

  void taskStarted() {
    started.increment();
  }

  void taskEnded() {
    ended.increment();
  }

  /** Tasks the scheduler runs now. */
  public long live() {
    long done = ended.sum();
    return Math.max(0, started.sum() - done);
  }

  /** Tasks the scheduler has been given since the kernel began. */
  public long started() {
    return started.sum();
  }
}
