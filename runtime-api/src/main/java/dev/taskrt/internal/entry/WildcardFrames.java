package dev.taskrt.internal.entry;

import dev.taskrt.internal.TaskContext;

/**
 * Not API. The entry points of the frames a wildcard {@code frames=} pattern made: the work of
 * {@link Instrumented#frameIn} and {@link Instrumented#frameOut}, kept out of line. The handler's
 * entry point is in {@link WildcardFrameHandler}, a class of its own, for the reason given there.
 *
 * <p>Why a second set. A wildcard frames every small method of a library, and where the JIT inlines
 * the entry points, each framed method's machine code carries the whole fast path, its branches and
 * their deoptimization stubs: on H2's JDBC workload a two-line getter grew from 216 bytes of
 * machine code to over a kilobyte, its callers passed the JIT's size limit for inlining compiled
 * methods, and the library's own inlining collapsed (docs/PERFORMANCE.md). Called instead, a frame
 * adds two calls and a handler to the method. So the agent marks these methods not to be inlined
 * ({@code OutOfLineEntryPoints} in the agent, honoured by the JVM for classes of the bootstrap
 * loader, where the runtime lives); each compiles once, with the fast path inlined into it. An
 * explicit {@code @Frame}, on the few methods a user chose, keeps the inlinable entry points.
 */
public final class WildcardFrames {
  private WildcardFrames() {}

  /** {@link Instrumented#frameIn}, out of line. */
  public static TaskContext in(long frame) {
    return Instrumented.frameIn(frame);
  }

  /** {@link Instrumented#frameOut}, out of line. */
  public static void out(TaskContext task, long frame) {
    Instrumented.frameOut(task, frame);
  }
}
