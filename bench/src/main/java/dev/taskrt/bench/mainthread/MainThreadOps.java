package dev.taskrt.bench.mainthread;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskLocal;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.entry.Instrumented;
import java.util.concurrent.Callable;

/**
 * The operations {@link MainThreadRounds} times, each beside its baseline, in the shapes of {@code
 * FrameBench}, {@code TaskRunBench} and {@code TaskLocalBench}: the same method bare and inside the
 * entry/exit pair the agent writes for a {@code @Frame} or a {@code @Task}; {@code ThreadLocal.get}
 * and {@code TaskLocal.get}. The harness runs with every method of this class kept out of line
 * ({@code -XX:CompileCommand=dontinline,dev.taskrt.bench.mainthread.MainThreadOps::*}), so each
 * operation and its baseline is one call from the timing loop, as a benchmark method is from JMH's.
 */
final class MainThreadOps {
  private MainThreadOps() {}

  /** The estimated frame size the rewrite would pass. */
  static final int FRAME_BYTES = 64;

  /** The id the rewrite would carry for the framed method. */
  static final int FRAME_METHOD_ID =
      MethodRegistry.register(
          MethodInfo.frame(MainThreadOps.class.getName(), "body", "(I)I", FRAME_BYTES));

  /** What the agent's rewrite passes to the frame entry points: the id and size in one constant. */
  static final long FRAME = Instrumented.frame(FRAME_METHOD_ID, FRAME_BYTES);

  /** The id the rewrite would carry for the task method. */
  static final int TASK_METHOD_ID =
      MethodRegistry.register(
          new MethodInfo(
              MainThreadOps.class.getName(),
              "taskCall",
              "(Ljava/util/concurrent/Callable;)Ljava/lang/Object;",
              64,
              "MainThreadOps.taskCall",
              SpawnMode.LINKED,
              0,
              0,
              "",
              false));

  /** The task the whole measurement runs in, as an application's {@code main} under the agent. */
  static final int ROOT_METHOD_ID =
      MethodRegistry.register(
          new MethodInfo(
              MainThreadRounds.class.getName(),
              "main",
              "([Ljava/lang/String;)V",
              0,
              "main",
              SpawnMode.LINKED,
              0,
              0,
              "",
              false));

  static final TaskLocal<Object> TASK_LOCAL = TaskLocal.of("bench");
  static final ThreadLocal<Object> THREAD_LOCAL = new ThreadLocal<>();

  /** Enters the root task on the calling thread. */
  static TaskContext enterRoot() {
    return Instrumented.taskEnter(ROOT_METHOD_ID);
  }

  /** Leaves the root task. */
  static void exitRoot(TaskContext root) {
    Instrumented.taskExit(root, null);
  }

  private static int body(int value) {
    return value * 31 + 17;
  }

  /** Baseline of {@link #framed}: the body alone. */
  static int plain(int value) {
    return body(value);
  }

  /** The body inside the frame's entry/exit pair. */
  static int framed(int value) {
    TaskContext task = Instrumented.frameIn(FRAME);
    int result;
    try {
      result = body(value);
    } catch (Throwable e) {
      Instrumented.frameThrown(e, task, FRAME);
      throw e;
    }
    Instrumented.frameOut(task, FRAME);
    return result;
  }

  /** Baseline of {@link #taskCall}: the callable, called. */
  static Object plainCall(Callable<Object> callable) throws Exception {
    return callable.call();
  }

  /** The callable inside the {@code @Task} rewrite's entry and exit. */
  static Object taskCall(Callable<Object> callable) throws Exception {
    TaskContext task = Instrumented.taskEnter(TASK_METHOD_ID);
    Object result;
    try {
      result = callable.call();
    } catch (Throwable e) {
      Instrumented.taskExit(task, e);
      throw e;
    }
    Instrumented.taskExit(task, null);
    return result;
  }

  /** Baseline of {@link #taskLocalGet}. */
  static Object threadLocalGet() {
    return THREAD_LOCAL.get();
  }

  /** A set task-local, read. */
  static Object taskLocalGet() {
    return TASK_LOCAL.get();
  }
}
