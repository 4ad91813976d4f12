package dev.taskrt.internal;

import java.util.function.LongSupplier;

/**
 * Not API. Reads how many bytes the current thread has allocated, so that a task recorded by the
 * TaskEnd event can report what it allocated; -1 where the JVM cannot tell (the {@code
 * java.management} or {@code jdk.management} module is absent, or the measurement is off).
 */
final class AllocationMeter {
  private static final LongSupplier CURRENT_THREAD = find();

  private AllocationMeter() {}

  /** Bytes the current thread has allocated so far, or -1. */
  static long currentThread() {
    return CURRENT_THREAD.getAsLong();
  }

  private static LongSupplier find() {
    try {
      java.lang.management.ThreadMXBean bean =
          java.lang.management.ManagementFactory.getThreadMXBean();
      if (bean instanceof com.sun.management.ThreadMXBean) {
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        if (sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled()) {
          return sun::getCurrentThreadAllocatedBytes;
        }
      }
    } catch (Throwable unavailable) {
      // java.management or jdk.management absent: report -1
    }
    return () -> -1L;
  }
}
