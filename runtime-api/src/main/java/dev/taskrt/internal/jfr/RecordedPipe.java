package dev.taskrt.internal.jfr;

/**
 * Not API. What the live-task snapshot records of a pipe a task waits on, so this package names no
 * pipe class (the pipes implement it).
 */
public interface RecordedPipe {
  /** The pipe's id, unique in the JVM. */
  long id();

  /** {@code oneshot}, {@code stream} or {@code shared}. */
  default String kindName() {
    String simple = getClass().getSimpleName();
    return simple.endsWith("Pipe")
        ? simple.substring(0, simple.length() - 4).toLowerCase(java.util.Locale.ROOT)
        : simple;
  }
}
