package dev.taskrt.inspect.programs;

import dev.taskrt.StackLimitExceededError;
import dev.taskrt.Tasks;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.ShutdownSequence;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;

/**
 * Stack accounting without the agent: the recursion below calls {@link Instrumented#frameIn},
 * {@link Instrumented#frameOut} and {@link Instrumented#frameThrown} around each level, as the
 * agent's rewriting of a {@code @Frame} method does, and one {@link Instrumented#foreignEnter} call
 * stands for a {@code @Foreign} one. What it must produce (64 KiB segments, 512-byte frames):
 *
 * <ul>
 *   <li>{@code deep-parser}: 300 levels, high water 153,600 bytes, 2 segments crossed, DONE.
 *   <li>{@code shallow}: 10 levels, 5,120 bytes, no segment, DONE.
 *   <li>{@code bounded}: a 32 KiB stack limit; fails with StackLimitExceededError entering level 65
 *       (high water 32,768 bytes).
 * </ul>
 */
public final class StackProgram {
  static final int FRAME = 512;
  static final int PARSE =
      MethodRegistry.register(
          MethodInfo.frame("org.example.json.Parser", "parseValue", "(I)V", FRAME));
  static final int NATIVE_SORT =
      MethodRegistry.register(MethodInfo.frame("org.example.ffi.Native", "qsort", "([I)V", 0));

  private StackProgram() {}

  public static void main(String[] args) {
    Tasks.builder().name("deep-parser").spawn(() -> recurse(300)).join();
    Tasks.builder().name("shallow").spawn(() -> recurse(10)).join();
    Tasks.builder()
        .name("sorter")
        .spawn(
            () -> {
              Object event = Instrumented.foreignEnter(NATIVE_SORT, 0);
              Thread.sleep(5);
              Instrumented.foreignExit(event, NATIVE_SORT, null);
              return null;
            })
        .join();
    try {
      Tasks.builder().name("bounded").stackLimit(32 * 1024).spawn(() -> recurse(1000)).join();
      throw new AssertionError("bounded should have failed");
    } catch (dev.taskrt.TaskFailedException expected) {
      if (!(expected.getCause() instanceof StackLimitExceededError)) {
        throw expected;
      }
    }
    ShutdownSequence.rootReturned(false);
  }

  private static int recurse(int depth) {
    long frame = Instrumented.frame(PARSE, FRAME);
    TaskContext task = Instrumented.frameIn(frame);
    int result;
    try {
      result = depth <= 1 ? 1 : 1 + recurse(depth - 1);
    } catch (Throwable t) {
      Instrumented.frameThrown(t, task, frame);
      throw t;
    }
    Instrumented.frameOut(task, frame);
    return result;
  }
}
