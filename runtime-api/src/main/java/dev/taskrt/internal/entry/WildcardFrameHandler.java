package dev.taskrt.internal.entry;

import dev.taskrt.internal.TaskContext;

/**
 * Not API. The entry point of a wildcard frame's exception handler: {@link
 * Instrumented#frameThrown}, out of line, like {@link WildcardFrames}'s two.
 *
 * <p><b>Why a class of its own, and why nothing in taskrt touches it.</b> Every frame a wildcard
 * pattern made carries a catch-all handler (it exits the frame and rethrows). On JDK 17 the JIT
 * compiles that handler into each framed method, and into every method it is inlined into, whether
 * or not an exception ever comes: a call, the rethrow, and an exception edge from every call site
 * of the body. By experiment, the handlers were a large part of what a wildcard's frames cost above
 * JaCoCo's on H2's JDBC workload (docs/PERFORMANCE.md). While this class has not been loaded, the
 * JIT cannot compile a call to it: C2 puts a deoptimization trap in its place, which is then the
 * handler's whole machine code, and C1 a stub that resolves the call if it is ever reached. The
 * first exception that crosses a wildcard frame runs the handler, which loads this class; from then
 * on handlers compile whole, and a compiled method whose trap is reached is compiled again. What
 * the handler does is the same either way.
 *
 * <p>So no class of taskrt may refer to this one except through the bytecode the agent writes: a
 * reference elsewhere would load it at start and bring the handlers' cost back ({@code
 * FramesWildcardIT} checks that it loads with the first exception that crosses a frame, not
 * before).
 */
public final class WildcardFrameHandler {
  private WildcardFrameHandler() {}

  /** {@link Instrumented#frameThrown}, out of line. */
  public static void thrown(Throwable thrown, TaskContext task, long frame) {
    Instrumented.frameThrown(thrown, task, frame);
  }
}
