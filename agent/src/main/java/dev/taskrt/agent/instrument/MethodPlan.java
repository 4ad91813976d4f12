package dev.taskrt.agent.instrument;

import dev.taskrt.SpawnMode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * What the agent will do to one method, decided from its annotations, the option patterns and the
 * main class, before any code is rewritten. Mutable while it is being decided, then only read.
 */
final class MethodPlan {
  /** Options of a task made by {@code @Task}/{@code @Spawn} or their patterns. */
  record TaskOptions(
      String name,
      SpawnMode mode,
      long stackLimit,
      long stackSize,
      String scheduler,
      boolean weak) {
    static final TaskOptions DEFAULTS = new TaskOptions("", SpawnMode.LINKED, 0, 0, "", false);

    /** The options for messages: {@code {mode=SUPERVISED,name=order}}, set ones after the mode. */
    String describe() {
      StringBuilder b = new StringBuilder("{mode=").append(mode);
      if (!name.isEmpty()) {
        b.append(",name=").append(name);
      }
      if (stackLimit > 0) {
        b.append(",stackLimit=").append(stackLimit);
      }
      if (stackSize > 0) {
        b.append(",stackSize=").append(stackSize);
      }
      if (!scheduler.isEmpty()) {
        b.append(",scheduler=").append(scheduler);
      }
      if (weak) {
        b.append(",weak=true");
      }
      return b.append('}').toString();
    }
  }

  /** Who asked for each part ({@code task}, {@code spawn}, ...): an annotation or a pattern. */
  final java.util.Map<String, String> askedBy = new java.util.HashMap<>();

  final String name;
  final String descriptor;
  TaskOptions task;
  TaskOptions spawn;
  int spawnReturnKind = -1;
  boolean frame;

  /** The frame comes only from a wildcard {@code frames=} pattern: it may be left out. */
  boolean frameByWildcard;

  /** Why a frame the wildcard pattern asked for was left out (see {@link FrameWorth}), or null. */
  String frameLeftOut;

  /** The estimate of the frame left out, folded into its callers' in the same class. */
  int leftOutBytes;

  /** The level of a method the fourth rule left out ({@link PromiseRule}), else 0. */
  int promiseLevel;

  /**
   * The one call of the method, in the code being rewritten, that its frame is taken around instead
   * of on entry ({@link OneCallFrames}), or null.
   */
  MethodInsnNode frameAtCall;

  long foreignHeadroom = -1;

  /** {@code @Foreign(stackSize)}: run the call on a thread with this stack; 0 for none. */
  long foreignStackSize;

  boolean boundary;
  String boundaryFallback;
  String atExitName;
  boolean main;
  boolean bootDelegation;

  MethodPlan(String name, String descriptor) {
    this.name = name;
    this.descriptor = descriptor;
  }

  /** Whether anything is to be done. */
  boolean isEmpty() {
    return task == null
        && spawn == null
        && !frame
        && foreignHeadroom < 0
        && !boundary
        && atExitName == null
        && !main
        && !bootDelegation;
  }

  /** The options the method's id is registered with. */
  TaskOptions taskOptions() {
    if (spawn != null) {
      return spawn;
    }
    return task != null ? task : TaskOptions.DEFAULTS;
  }
}
