package dev.taskrt.internal;

/**
 * Not API. One registered unwinding hook and the mark of the frame it belongs to ({@link
 * TaskContext#stack} when it was registered).
 */
final class Hook {
  final AutoCloseable action;
  final boolean onlyOnFailure;
  final long mark;
  final Hook below;

  Hook(AutoCloseable action, boolean onlyOnFailure, long mark, Hook below) {
    this.action = action;
    this.onlyOnFailure = onlyOnFailure;
    this.mark = mark;
    this.below = below;
  }
}
