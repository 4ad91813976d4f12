package dev.taskrt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for tests: fails with a message instead of hanging. */
final class Awaits {
  private Awaits() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofSeconds(60), condition);
  }

  static void until(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }

  static void state(TaskHandle<?> task, TaskState state) {
    until(task + " is " + state, () -> task.state() == state);
  }

  /** Joins and returns the outcome, whatever it is. */
  static TaskState outcome(TaskHandle<?> task) {
    return outcome(task, Duration.ofSeconds(60));
  }

  /** Joins, waiting at most {@code bound}, and returns the outcome, whatever it is. */
  static TaskState outcome(TaskHandle<?> task, Duration bound) {
    try {
      task.join(bound);
    } catch (TaskFailedException expected) {
      // outcome read below
    }
    return task.state();
  }
}
