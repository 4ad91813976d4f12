package dev.taskrt.internal.pipe;

import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.TaskState;
import dev.taskrt.internal.TaskContext;

/** Not API. How the sending side of a pipe ended: cleanly, or broken by a sender's failure. */
final class End {
  /** Whether a sender's failure ended the pipe. */
  final boolean broken;

  /** What the sender failed with, when broken. */
  final Throwable cause;

  /** Why the pipe ended, in words ("its chan was closed"). */
  final String reason;

  private End(boolean broken, Throwable cause, String reason) {
    this.broken = broken;
    this.cause = cause;
    this.reason = reason;
  }

  /** An explicit close of the chan. */
  static End closedBySender() {
    return new End(false, null, "its chan was closed");
  }

  /** A shared pipe whose every sender closed its part or ended cleanly. */
  static End everySenderDone() {
    return new End(false, null, "every task that sent on it has closed its chan or ended");
  }

  /** The end a holding task's outcome gives. */
  static End taskEnded(TaskContext task, TaskState outcome, Throwable failure) {
    String who = "its sending " + task.label();
    if (outcome == TaskState.DONE) {
      return new End(false, null, who + " ended");
    }
    String how = outcome == TaskState.KILLED ? " was killed" : " failed";
    return new End(true, failure, who + how);
  }

  /** A shared pipe whose last sender let go after one of them had failed. */
  static End sharedAfterFailure(End failed) {
    return new End(true, failed.cause, failed.reason + ", and every other sender has ended");
  }

  /** The exception a receiver gets once every message has been taken. */
  PipeClosedException forReceiver(String pipe) {
    if (broken) {
      return new PipeBrokenException(pipe + " is broken: " + reason, cause);
    }
    return new PipeClosedException(pipe + " is closed: " + reason);
  }

  /** The exception a sender gets. */
  PipeClosedException forSender(String pipe) {
    return new PipeClosedException("cannot send on " + pipe + ": it is closed (" + reason + ")");
  }
}
