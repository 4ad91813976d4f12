package dev.taskrt.agent.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Whether a method matched by a <em>wildcard</em> {@code frames=} pattern is worth a frame.
 *
 * <p>A frame buys three things: stack accounting that catches a runaway recursion, a kill
 * checkpoint, and a scope for {@code defer}/{@code onUnwind} hooks. A <b>loop-free leaf</b> — no
 * invoke instruction of any kind (so no call, no {@code invokedynamic}, no hook registration), no
 * backward branch (so no loop: it runs in bounded time), no {@code monitorenter} (so it never
 * blocks) — can give none of them: it cannot be part of a recursion (a cycle of calls needs a call
 * in every method of the cycle), it finishes in bounded time, so its callers' checkpoints come soon
 * enough, and it registers no hook. Leaving them out saves about 40 % of the frame calls of a real
 * library (DESIGN §7), so under a wildcard pattern they are left as they are. {@link PassThroughs}
 * adds a second, narrower rule for small loop-free methods that call, and {@link OneCallFrames} a
 * third, which moves the frame of a small loop-free method with one call that needs it to that
 * call. {@link PromiseRule} adds a fourth: a small loop-free method whose every call runs methods
 * that keep a frame or need none by the first two rules goes without, and the agent keeps that true
 * of the overrides it has not seen yet ({@link PromiseBook}).
 *
 * <p>Stack accounting stays conservative: a leaf calls nothing, so it is always the top frame, and
 * at most one unframed leaf sits above the innermost frame. Each framed method's estimate is
 * therefore raised by the largest leaf it may call ({@link #calleeAllowance}): the exact estimate
 * of a leaf declared in its own class, {@link #LEAF_ALLOWANCE} for a call naming another class that
 * a wildcard pattern covers. A leaf larger than the allowance keeps its frame. (A leaf reached
 * through a type no pattern covers, such as a JDK interface, is not folded in: the estimate may
 * then miss one leaf frame, at most {@link #LEAF_ALLOWANCE} bytes, at the top of the stack; see
 * docs/AGENT.md.)
 *
 * <p>An explicit {@code @Frame} or a pattern naming the method without a wildcard always frames.
 */
final class FrameWorth {
  /**
   * The largest frame estimate of a leaf left out, in bytes; added to a framed caller's estimate
   * for each call that may reach such a leaf in another class. 256 bytes is 30 slots of locals and
   * operand stack.
   */
  static final int LEAF_ALLOWANCE = 256;

  /** The reason recorded for a loop-free leaf left without a frame. */
  static final String LOOP_FREE_LEAF =
      "a loop-free leaf (no calls, no backward branches, no monitorenter): its frame could catch"
          + " no recursion, no blocking call and no hook";

  private FrameWorth() {}

  /**
   * Why {@code m} needs no frame under a wildcard pattern, or null when it should have one.
   *
   * @param m the method, with its code
   */
  static String whyNoFrame(MethodNode m) {
    if (m.instructions.size() == 0 || ClassRewriter.frameBytes(m) > LEAF_ALLOWANCE) {
      return null;
    }
    return isLoopFreeLeaf(m.instructions) && handlersComeAfter(m) ? LOOP_FREE_LEAF : null;
  }

  /**
   * No backward branch, no {@code monitorenter}, no {@code invokedynamic}, no exception handler at
   * or before the code it covers: the method runs each of its instructions at most once per call.
   */
  static boolean isLoopFree(MethodNode m) {
    return isLoopFree(m.instructions, true) && handlersComeAfter(m);
  }

  /**
   * What the second and third rules ({@link PassThroughs}, {@link OneCallFrames}) start from: a
   * method a wildcard framed, not skipped, with code, an estimate of at most {@link
   * #LEAF_ALLOWANCE} and no loop.
   */
  static boolean smallLoopFreeWildcardFrame(MethodPlan plan, MethodNode m, Set<String> skipped) {
    return plan != null
        && plan.frame
        && plan.frameByWildcard
        && !skipped.contains(m.name + m.desc)
        && m.instructions.size() > 0
        && ClassRewriter.frameBytes(m) <= LEAF_ALLOWANCE
        && isLoopFree(m);
  }

  /** The class's methods by name and descriptor. */
  static Map<String, MethodNode> declared(ClassNode cn) {
    Map<String, MethodNode> declared = new HashMap<>();
    for (MethodNode m : cn.methods) {
      declared.put(m.name + m.desc, m);
    }
    return declared;
  }

  /** No exception handler at or before the end of the code it covers (that would be a loop). */
  private static boolean handlersComeAfter(MethodNode m) {
    for (TryCatchBlockNode block : m.tryCatchBlocks) {
      if (m.instructions.indexOf(block.handler) <= m.instructions.indexOf(block.end)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Leaves out the frames of the class's methods that a wildcard pattern asked for and that need
   * none ({@link MethodPlan#frameLeftOut} says why), and returns the sizes callers must fold in.
   */
  static LeafSizes leaveOut(
      ClassNode cn, Map<String, MethodPlan> plans, Targets targets, Set<String> skipped) {
    return leaveOut(cn, plans, targets, skipped, null, new HashMap<>());
  }

  /**
   * As above, and with {@code book} (null: the fourth rule is off) the fourth rule too ({@link
   * PromiseRule}), whose promises go to {@code promises}; with {@code book}'s lock held.
   */
  static LeafSizes leaveOut(
      ClassNode cn,
      Map<String, MethodPlan> plans,
      Targets targets,
      Set<String> skipped,
      PromiseBook book,
      Map<String, Integer> promises) {
    Map<String, Integer> own = new HashMap<>();
    // A second attempt (a method came out too large and is skipped now) decides again: what a
    // method may call without its frame depends on which methods are skipped.
    PassThroughs.undo(plans);
    OneCallFrames.undo(plans);
    PromiseRule.undo(plans);
    promises.clear();
    for (MethodNode m : cn.methods) {
      MethodPlan plan = plans.get(m.name + m.desc);
      if (plan == null) {
        own.put(m.name + m.desc, 0);
        continue;
      }
      if (plan.frame && plan.frameByWildcard) {
        String why = whyNoFrame(m);
        if (why != null) {
          plan.frame = false;
          plan.frameLeftOut = why;
          plan.leftOutBytes = ClassRewriter.frameBytes(m);
        }
      }
      own.put(m.name + m.desc, plan.frameLeftOut != null ? plan.leftOutBytes : 0);
    }
    Map<String, MethodNode> declared = declared(cn);
    PassThroughs.leaveOut(cn, declared, plans, skipped, own);
    OneCallFrames.choose(cn, declared, plans, skipped, own);
    if (book != null && targets.framesWildcardCovers(cn.name)) {
      promises.putAll(PromiseRule.leaveOut(cn, plans, skipped, own, book, targets));
    }
    String self = cn.name;
    return (owner, name, desc) -> {
      if (owner.equals(self)) {
        Integer bytes = own.get(name + desc);
        if (bytes != null) {
          return bytes; // declared here: exact, a leaf's or a chain's (0 when it keeps its frame)
        }
      }
      return targets.framesWildcardCovers(owner) ? LEAF_ALLOWANCE : 0;
    };
  }

  /** No invoke instruction, no backward branch, no monitorenter. */
  static boolean isLoopFreeLeaf(InsnList code) {
    return isLoopFree(code, false);
  }

  /**
   * No backward branch, no monitorenter, no invokedynamic; and no call unless {@code mayCall}. A
   * branch is backward when its target's index in the list is not after the branch's own ({@link
   * InsnList#indexOf} keeps the indexes once computed, so each check is a field read).
   */
  private static boolean isLoopFree(InsnList code, boolean mayCall) {
    int index = 0;
    for (AbstractInsnNode n = code.getFirst(); n != null; n = n.getNext(), index++) {
      switch (n.getType()) {
        case AbstractInsnNode.METHOD_INSN:
          if (!mayCall) {
            return false;
          }
          break;
        case AbstractInsnNode.INVOKE_DYNAMIC_INSN:
          return false;
        case AbstractInsnNode.JUMP_INSN:
          if (code.indexOf(((JumpInsnNode) n).label) <= index) {
            return false; // a branch to a label already passed: backward
          }
          break;
        case AbstractInsnNode.TABLESWITCH_INSN:
          {
            TableSwitchInsnNode t = (TableSwitchInsnNode) n;
            if (anyAtOrBefore(code, t.dflt, t.labels, index)) {
              return false;
            }
            break;
          }
        case AbstractInsnNode.LOOKUPSWITCH_INSN:
          {
            LookupSwitchInsnNode l = (LookupSwitchInsnNode) n;
            if (anyAtOrBefore(code, l.dflt, l.labels, index)) {
              return false;
            }
            break;
          }
        default:
          if (n.getOpcode() == Opcodes.MONITORENTER
              || n.getOpcode() == Opcodes.JSR
              || n.getOpcode() == Opcodes.RET) {
            return false;
          }
          break;
      }
    }
    return true;
  }

  /** Whether a switch's default or any of its targets lies at or before {@code index}. */
  private static boolean anyAtOrBefore(
      InsnList code, LabelNode dflt, List<LabelNode> labels, int index) {
    if (code.indexOf(dflt) <= index) {
      return true;
    }
    for (LabelNode label : labels) {
      if (code.indexOf(label) <= index) {
        return true;
      }
    }
    return false;
  }

  /** What a caller's frame estimate must include for the leaves it may call without a frame. */
  interface LeafSizes {
    /**
     * The estimate of the unframed leaf {@code owner.name desc} may be, or 0 when it is framed or
     * outside every wildcard pattern.
     */
    int leafBytes(String owner, String name, String desc);
  }

  /** The largest estimate of an unframed leaf {@code m} may call, or 0. */
  static int calleeAllowance(MethodNode m, LeafSizes leaves) {
    int most = 0;
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode) {
        MethodInsnNode call = (MethodInsnNode) n;
        most = Math.max(most, leaves.leafBytes(call.owner, call.name, call.desc));
      }
    }
    return most;
  }
}
