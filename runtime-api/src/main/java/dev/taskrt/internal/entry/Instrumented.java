package dev.taskrt.internal.entry;

import dev.taskrt.StackLimitExceededError;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskState;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.ForeignCalls;
import dev.taskrt.internal.KernelState;
import dev.taskrt.internal.MethodRegistry;
import dev.taskrt.internal.OwnedByTask;
import dev.taskrt.internal.ShutdownSequence;
import dev.taskrt.internal.StackRoom;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.TaskLauncher;
import dev.taskrt.internal.TaskSpec;
import dev.taskrt.internal.Throwables;
import dev.taskrt.internal.jfr.Events;
import dev.taskrt.internal.pipe.PipeCore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Not API. The entry points the agent's rewritten code calls. Each takes the constant method id the
 * agent registered at transform time ({@link MethodRegistry}); none reflects per call.
 *
 * <p>Contract with the rewriting: enter methods may throw (a kill, a stack limit) before changing
 * any state, so a frame whose enter threw needs no exit. Exit methods (given what the body threw,
 * where they take it) must be called exactly once after a successful enter. {@link #frameOut},
 * {@link #frameThrown} and {@link #taskExit} may throw: a defer hook's failure on a normal exit, or
 * a task's kill; the rewritten code must let that propagate, and must rethrow the body's own
 * exception unchanged otherwise.
 */
public final class Instrumented {
  /** {@code @Spawn} method returns void. */
  public static final int RETURNS_VOID = 0;

  /** {@code @Spawn} method returns {@link TaskHandle}. */
  public static final int RETURNS_HANDLE = 1;

  /**
   * {@code @Spawn} method returns {@link Future} or {@link java.util.concurrent.CompletableFuture}.
   */
  public static final int RETURNS_FUTURE = 2;

  private Instrumented() {}

  // ---- @Frame

  /**
   * Entry of a {@code @Frame} method: accounting and a checkpoint; returns the task, or null. The
   * method id and frame size come as one constant ({@link #frame}), so the rewritten method pushes
   * one. This, {@link #frameOut} and {@link #frameThrown}, with what they call on the fast path,
   * stay under 35 bytes of bytecode each, so C1 inlines them too ({@code EntryPointSizeTest} holds
   * them there).
   */
  public static TaskContext frameIn(long frame) {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.enterFrame((int) frame, ((frame >>> 32) << TaskContext.DEPTH_BITS) + 1);
    }
    return task;
  }

  /** Exit of a {@code @Frame} method at a return; runs the frame's hooks. */
  public static void frameOut(TaskContext task, long frame) {
    if (task != null) {
      task.exitFrame(((frame >>> 32) << TaskContext.DEPTH_BITS) + 1, null);
    }
  }

  /**
   * Exit of a {@code @Frame} method whose body threw {@code thrown}; runs the frame's hooks. The
   * rewritten method then rethrows {@code thrown} (the exception stays on its operand stack, so the
   * method needs no local for it).
   */
  public static void frameThrown(Throwable thrown, TaskContext task, long frame) {
    if (task != null) {
      task.exitFrame(((frame >>> 32) << TaskContext.DEPTH_BITS) + 1, thrown);
    }
  }

  /**
   * The constant a rewritten method passes to {@link #frameIn}, {@link #frameOut} and {@link
   * #frameThrown}: its frame size in bytes in the high 32 bits, its method id in the low 32. They
   * compute the accounting's step, {@code (frameBytes << DEPTH_BITS) + 1}, in line rather than in a
   * helper, so that interpreted code (a cold program) makes no extra call per frame.
   */
  public static long frame(int methodId, int frameBytes) {
    return ((long) frameBytes << 32) | (methodId & 0xFFFF_FFFFL);
  }

  // ---- @Task on the caller's thread

  /** Entry of a {@code @Task} method: the body now runs as a new synchronous task. */
  public static TaskContext taskEnter(int methodId) {
    return TaskLauncher.beginInline(MethodRegistry.spec(methodId));
  }

  /**
   * Exit of a {@code @Task} method: ends the task. Throws its failure when it did not end DONE (the
   * body's own exception, or the kill that ended it).
   */
  public static void taskExit(TaskContext task, Throwable thrown) {
    TaskLauncher.endInline(task, thrown);
  }

  // ---- @Task(stackSize) and @Spawn, with the body moved into a Callable by the agent

  /** Runs the body as a synchronous task on a thread of its own (for {@code stackSize}). */
  public static Object runTask(int methodId, Callable<?> body) {
    return TaskLauncher.run(MethodRegistry.spec(methodId), body);
  }

  /**
   * Spawns the body as a task and returns what the {@code @Spawn} method returns: null, the {@link
   * TaskHandle}, or a future of the body's result (a future or handle the body returns is unwrapped
   * inside the task).
   */
  public static Object spawn(int methodId, Callable<?> body, int returnKind) {
    Callable<?> unwrapping = returnKind == RETURNS_VOID ? body : () -> unwrap(body.call());
    TaskContext task = TaskLauncher.spawn(MethodRegistry.spec(methodId), unwrapping);
    switch (returnKind) {
      case RETURNS_HANDLE:
        return task;
      case RETURNS_FUTURE:
        return task.toFuture();
      default:
        return null;
    }
  }

  /**
   * A {@code @Spawn} method with {@code Chan} parameters: as {@link #spawn}, and the new task owns
   * those chans from its spawn (as {@code TaskBuilder.owning}), so a receiver never waits on it if
   * it ends, or fails, before its first send. A null chan, or one not made by {@code Pipes}, is
   * passed on unowned.
   */
  public static Object spawnOwning(
      int methodId, Callable<?> body, int returnKind, dev.taskrt.Chan<?>[] chans) {
    java.util.List<OwnedByTask> owned = new java.util.ArrayList<>(chans.length);
    for (dev.taskrt.Chan<?> chan : chans) {
      if (chan != null) {
        try {
          owned.add(PipeCore.of(chan));
        } catch (IllegalArgumentException notFromPipes) {
          // the application's own Chan: nothing of taskrt's to own
        }
      }
    }
    Callable<?> unwrapping = returnKind == RETURNS_VOID ? body : () -> unwrap(body.call());
    TaskContext task =
        TaskLauncher.spawn(
            MethodRegistry.spec(methodId), unwrapping, owned.toArray(new OwnedByTask[0]));
    switch (returnKind) {
      case RETURNS_HANDLE:
        return task;
      case RETURNS_FUTURE:
        return task.toFuture();
      default:
        return null;
    }
  }

  private static Object unwrap(Object value) throws Exception {
    if (value instanceof TaskHandle) {
      return ((TaskHandle<?>) value).join();
    }
    if (value instanceof Future) {
      return ((Future<?>) value).get();
    }
    return value;
  }

  // ---- @Foreign

  /**
   * Entry of a {@code @Foreign} call: checks stack headroom, then marks the task FOREIGN (kills
   * wait). The headroom is checked against the task's stack limit when it has one, else against the
   * thread's real stack ({@link StackRoom}), on any thread. Returns the timing event, or null.
   */
  public static Object foreignEnter(int methodId, long headroomBytes) {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.checkpoint();
    }
    checkHeadroom(task, methodId, headroomBytes);
    if (task != null) {
      task.enterShield();
      task.foreignBefore = task.state;
      task.waitingMethod = methodId;
      task.state = TaskState.FOREIGN;
    }
    return Events.foreignBegin();
  }

  private static void checkHeadroom(TaskContext task, int methodId, long headroomBytes) {
    if (task != null && task.stackLimit > 0) {
      if (task.stackLimit - task.stackBytes() < headroomBytes) {
        throw new StackLimitExceededError(
            task.label()
                + " has "
                + (task.stackLimit - task.stackBytes())
                + " bytes of stack left under its limit, less than the "
                + headroomBytes
                + " bytes foreign call "
                + MethodRegistry.describe(methodId)
                + " needs");
      }
      return;
    }
    if (headroomBytes <= 0) {
      return;
    }
    if (!StackRoom.hasRoom(headroomBytes)) {
      long left = StackRoom.left();
      throw new StackLimitExceededError(
          (task == null ? "thread '" + Thread.currentThread().getName() + "'" : task.label())
              + " has about "
              + Math.max(0, left)
              + " bytes of its "
              + StackRoom.sizeOfCurrentThread()
              + "-byte thread stack left, less than the "
              + headroomBytes
              + " bytes foreign call "
              + MethodRegistry.describe(methodId)
              + " needs; call it with a stack of its own (@Foreign(stackSize = ...)), raise -Xss,"
              + " or bound the recursion");
    }
  }

  /**
   * A {@code @Foreign(stackSize = ...)} call, its body moved into a Callable by the agent: the body
   * runs on a new thread with that stack while the task waits in state FOREIGN (kills wait); its
   * value, or the very exception it threw, comes back as if it had been called directly.
   */
  public static Object foreignOnOwnStack(
      int methodId, Callable<?> body, long headroomBytes, long stackSize) {
    if (stackSize - StackRoom.RESERVED_BYTES < headroomBytes) {
      throw new StackLimitExceededError(
          "foreign call "
              + MethodRegistry.describe(methodId)
              + " asks for a "
              + stackSize
              + "-byte stack, which leaves less than the "
              + headroomBytes
              + " bytes of headroom it needs; raise its stackSize");
    }
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.checkpoint();
      task.enterShield();
      task.foreignBefore = task.state;
      task.waitingMethod = methodId;
      task.state = TaskState.FOREIGN;
    }
    Object event = Events.foreignBegin();
    Throwable thrown = null;
    try {
      return ForeignCalls.onOwnStack(body, stackSize);
    } catch (Throwable e) {
      thrown = e;
      throw Throwables.<RuntimeException>sneaky(e);
    } finally {
      foreignExit(event, methodId, thrown);
    }
  }

  /** Exit of a {@code @Foreign} call. */
  public static void foreignExit(Object event, int methodId, Throwable thrown) {
    TaskContext task = CurrentTask.get();
    if (task != null && task.state == TaskState.FOREIGN) {
      task.state = task.foreignBefore;
      task.exitShield();
    }
    Events.foreignEnd(event, task, methodId, thrown);
  }

  // ---- @Boundary

  /**
   * A failure reached a {@code @Boundary} method's edge and is kept from crossing it: recorded for
   * the current task and reported once on stderr; the method then returns its fallback. A kill
   * caught here is delivered again at the task's next checkpoint.
   */
  public static void boundaryCaught(int methodId, Throwable failure) {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      Events.taskFailure(task, failure, MethodRegistry.describe(methodId));
    }
    System.err.println(
        "taskrt: @Boundary "
            + MethodRegistry.describe(methodId)
            + " stopped "
            + Events.describe(failure)
            + (task == null ? "" : " in " + task.label())
            + "; returning its fallback");
  }

  // ---- @AtExit

  /** Registers a static no-argument method as an at_exit handler (once, at class init). */
  public static void registerAtExit(Class<?> owner, String methodName, String handlerName) {
    try {
      Method method = owner.getDeclaredMethod(methodName);
      if (!Modifier.isStatic(method.getModifiers())) {
        throw new IllegalArgumentException("not static");
      }
      method.setAccessible(true);
      KernelState.get()
          .atExit(
              handlerName,
              () -> {
                try {
                  method.invoke(null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw Throwables.<RuntimeException>sneaky(e.getCause());
                } catch (IllegalAccessException e) {
                  throw new IllegalStateException(e);
                }
              });
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println(
          "taskrt: @AtExit "
              + owner.getName()
              + "."
              + methodName
              + " not registered: "
              + e.getMessage());
    }
  }

  // ---- main as the root task

  /**
   * Entry of the application's main method: records the arguments and starts the root task {@code
   * main}. Returns null (nothing to do) if a task is already running on this thread.
   */
  public static TaskContext mainEnter(String[] args) {
    if (CurrentTask.get() != null || KernelState.get().shutdownTrigger() != null) {
      return null;
    }
    KernelState.get().setArgs(args);
    CurrentTask.useFastBinding();
    return TaskLauncher.beginInline(TaskSpec.named("main"), true); // the user did not mark main
  }

  /**
   * Exit of main: ends the root task, runs the shutdown sequence, then rethrows the root's failure
   * (so the launcher reports it and exits with status 1, as for any failing main).
   */
  public static void mainExit(TaskContext root, Throwable thrown) {
    if (root == null) {
      return;
    }
    Throwable failure = null;
    try {
      TaskLauncher.endInline(root, thrown);
    } catch (Throwable e) {
      failure = e;
    }
    ShutdownSequence.rootReturned(failure != null);
    if (failure != null) {
      throw Throwables.<RuntimeException>sneaky(failure);
    }
  }

  // ---- exit paths

  /** {@code Runtime.exit(status)} was called. */
  public static void exitRequested(int status) {
    ShutdownSequence.exitRequested(status);
  }

  /** The JVM's shutdown hooks are about to run: the kernel shuts down first. */
  public static void jvmExiting() {
    ShutdownSequence.jvmExiting();
  }
}
