package dev.taskrt.internal;

/**
 * Not API. A platform thread made by one of taskrt's schedulers; it carries the task it runs in a
 * field, so finding the current task costs one load.
 */
public final class TaskThread extends Thread {
  /** The task this thread runs now, or null between tasks. Written and read by this thread only. */
  TaskContext current;

  /** The stack size this thread was made with, in bytes; 0 for the JVM's default. */
  final long stackSize;

  TaskThread(ThreadGroup group, Runnable body, String name, long stackSize) {
    super(group, body, name, stackSize);
    this.stackSize = stackSize;
    setDaemon(true);
  }
}
