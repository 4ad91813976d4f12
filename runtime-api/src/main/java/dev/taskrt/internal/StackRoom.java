package dev.taskrt.internal;

/**
 * Not API. How much of the current thread's real stack is left, for the headroom check before a
 * {@code @Foreign} call when the task has no {@code stackLimit} (or there is no task).
 *
 * <p>Java cannot read a stack address, so the room is estimated from two figures:
 *
 * <ul>
 *   <li>the thread's stack size: the size a taskrt thread was made with ({@link TaskThread}, or a
 *       foreign call's own thread); for any other thread, or a size of 0, the JVM's {@code
 *       ThreadStackSize} (what {@code -Xss} sets, and what the launcher gives the main thread),
 *       read once through {@code HotSpotDiagnosticMXBean}, else 1 MiB, HotSpot's default on 64-bit
 *       Linux, macOS and Windows. A thread an application made with its own stack size is taken to
 *       have the default;
 *   <li>the stack in use: the frames on it, counted with {@link StackWalker} (about 75 ns a frame:
 *       paid only by a foreign call without a stack limit, and only up to the frames that decide
 *       the check: {@link #hasRoom}), times {@link #BYTES_PER_FRAME}, plus {@link #RESERVED_BYTES}
 *       the JVM keeps for its guard and shadow zones.
 * </ul>
 *
 * The estimate errs on the safe side: an interpreted frame of a method with four local slots takes
 * 133 bytes on JDK 17 (measured: recursion depth at a {@code StackOverflowError} under {@code -Xint
 * -Xss1m}), compiled frames less.
 */
public final class StackRoom {
  /** Bytes counted per frame on the stack (twice a measured small interpreted frame). */
  static final long BYTES_PER_FRAME = 256;

  /** Bytes the JVM keeps at the end of a thread's stack (guard zones, the native shadow zone). */
  public static final long RESERVED_BYTES = 128 * 1024;

  /** HotSpot's default thread stack size on 64-bit platforms. */
  static final long PLATFORM_DEFAULT = 1024 * 1024;

  private static volatile long defaultSize = -1;

  private StackRoom() {}

  /**
   * Whether at least {@code headroomBytes} of stack are left on the calling thread, by the estimate
   * of {@link #left()}, walking no more frames than decide it: none when the thread's stack cannot
   * hold the headroom at all, at most {@code (size - reserved - headroom) / BYTES_PER_FRAME + 1}
   * otherwise. A check that passes still walks every frame on the stack: the walk is the check, and
   * Java has no cheaper way to know the stack's depth.
   */
  public static boolean hasRoom(long headroomBytes) {
    long budget = sizeOfCurrentThread() - RESERVED_BYTES - headroomBytes;
    if (budget < 0) {
      return false;
    }
    long maxFrames = budget / BYTES_PER_FRAME;
    long frames = StackWalker.getInstance().walk(s -> s.limit(maxFrames + 1).count());
    return frames <= maxFrames;
  }

  /** Bytes of stack left on the calling thread, estimated (may be negative). */
  public static long left() {
    long size = sizeOfCurrentThread();
    long frames = StackWalker.getInstance().walk(java.util.stream.Stream::count);
    return size - RESERVED_BYTES - frames * BYTES_PER_FRAME;
  }

  /** The calling thread's stack size, in bytes. */
  public static long sizeOfCurrentThread() {
    Thread thread = Thread.currentThread();
    long size = 0;
    if (thread instanceof TaskThread) {
      size = ((TaskThread) thread).stackSize;
    } else if (thread instanceof ForeignCalls.ForeignThread) {
      size = ((ForeignCalls.ForeignThread) thread).stackSize;
    }
    return size > 0 ? size : defaultSize();
  }

  /** The JVM's ThreadStackSize in bytes, read once. */
  static long defaultSize() {
    long size = defaultSize;
    if (size < 0) {
      size = PLATFORM_DEFAULT;
      try {
        var bean =
            java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
        long kib = Long.parseLong(bean.getVMOption("ThreadStackSize").getValue());
        if (kib > 0) {
          size = kib * 1024;
        }
      } catch (Throwable e) {
        // not HotSpot, or no management module: HotSpot's default
      }
      defaultSize = size;
    }
    return size;
  }
}
