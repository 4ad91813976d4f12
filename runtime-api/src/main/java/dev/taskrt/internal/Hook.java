package dev.taskrt.internal;

/** Not API. One registered unwinding hook and the frame depth it belongs to. */
final class Hook {
  final AutoCloseable action;
  final boolean onlyOnFailure;
  final int depth;
  final Hook below;

  Hook(AutoCloseable action, boolean onlyOnFailure, int depth, Hook below) {
    this.action = action;
    this.onlyOnFailure = onlyOnFailure;
    this.depth = depth;
    this.below = below;
  }
}
