package dev.taskrt;

/** What a task is doing now; the last three are outcomes, decided once. */
public enum TaskState {
  /** Running its body (or waiting to be scheduled). */
  RUNNING,
  /** Waiting in a runtime call: join, sleep, a pipe. */
  BLOCKED,
  /** Inside a {@link Foreign} call; kills wait until it returns. */
  FOREIGN,
  /** Running its unwinding hooks after a failure; kills are ignored. */
  UNWINDING,
  /** Returned normally. */
  DONE,
  /** Ended by an exception or error leaving its body. */
  FAILED,
  /** Ended by a kill: a cancellation or a linked task's failure. */
  KILLED;

  /** Whether this state is an outcome. */
  public boolean isTerminal() {
    return this == DONE || this == FAILED || this == KILLED;
  }
}
