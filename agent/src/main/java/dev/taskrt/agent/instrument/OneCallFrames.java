package dev.taskrt.agent.instrument;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The third rule of {@link FrameWorth}: under a wildcard {@code frames=} pattern, a small loop-free
 * method with exactly one call that needs a frame is framed <em>at that call</em> instead of on
 * entry: the frame is entered just before the call and left just after it (or when an exception
 * comes out of it), and the rest of the method runs without one. H2's hot small methods are often
 * of this shape, a getter whose one call is on a path it rarely takes (a check that throws); they
 * now pay for a frame only when they take it, and never more often than before.
 *
 * <p>A call that needs no frame is a {@link ClosedJdkCalls closed JDK call}, or an exact call (as
 * {@link PassThroughs} means it) to a method of the class that the first two rules left without a
 * frame. A method qualifies when, besides its one other call, it is loop-free as {@link
 * FrameWorth#isLoopFree} means it, has no exception handler of its own (so the call is covered by
 * none, and the exception the frame rethrows goes straight to the caller, as it did), is not a
 * constructor or class initialiser, does not call taskrt, and its chain (its own estimate plus the
 * largest chain among the unframed methods of the class it calls) is at most {@link
 * FrameWorth#LEAF_ALLOWANCE}. A method that a method left out by {@link PassThroughs} calls keeps
 * its frame on entry: that rule counted on it. So does a method whose one call goes to a method of
 * its class this rule would take (itself included), so that a recursion between such methods is not
 * counted twice (see the stack accounting below).
 *
 * <p><b>Why no recursion can hide.</b> A cycle of calls through such a method {@code m} leaves it
 * through one of its calls. Not through a closed JDK call (it runs only JDK code). Not through a
 * method of its class the first two rules left out: from one of those, every cycle meets a frame on
 * entry ({@link PassThroughs}'s argument, which holds because no method it left out calls a method
 * framed by this rule). So it leaves through the one call, and while that call runs {@code m}'s
 * frame is on the task's stack with {@code m}'s whole estimate: each trip around the cycle still
 * adds it, and the stack limit still catches the recursion.
 *
 * <p><b>Blocking, kills, hooks.</b> The call is a checkpoint on the way in and out, as the entry
 * and exit were; the rest of the method is loop-free and calls only bounded code, so a kill is met
 * as soon as before. A hook registered while the call runs, by code no pattern covers, belongs to
 * this frame and runs when the call ends, where with a frame on entry it would have run when {@code
 * m} returned; only {@code m}'s own loop-free remainder, with no call that needs a frame, lies
 * between the two. The method itself calls no taskrt method, so it registers no hook.
 *
 * <p><b>Stack accounting.</b> Outside the call the method is unframed at the top of the stack, with
 * at most a chain of unframed methods of its class above it: its chain is what a caller in the same
 * class folds into its estimate (as for a leaf), and at most {@link FrameWorth#LEAF_ALLOWANCE},
 * what a caller in another class folds in. During the call its frame carries its own estimate plus
 * what it may call unframed, as a frame on entry would. A caller of such a method thus counts it
 * (as a possible top of the stack), and its frame counts it again while it calls: conservative, by
 * one method, and never along a recursion within the class, where it would add up.
 */
final class OneCallFrames {
  /** How a method framed at its one call is told in {@code verbose} and {@code check}. */
  static final String DESCRIPTION = "frame at its one call";

  private OneCallFrames() {}

  /**
   * Frames at their one call the methods of {@code cn} this rule takes, after the first two rules
   * decided ({@link MethodPlan#frameAtCall}), and records their chains in {@code unframedBytes}.
   *
   * @param declared the class's methods by name and descriptor
   */
  static void choose(
      ClassNode cn,
      Map<String, MethodNode> declared,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      Map<String, Integer> unframedBytes) {
    Set<String> calledByPassThroughs = calledByPassThroughs(cn, plans);
    Map<String, Integer> chains = new HashMap<>();
    for (MethodNode m : cn.methods) {
      String key = m.name + m.desc;
      MethodPlan plan = plans.get(key);
      if (!FrameWorth.smallLoopFreeWildcardFrame(plan, m, skipped)
          || !onlyAWildcardFrame(plan)
          || calledByPassThroughs.contains(key)
          || m.name.startsWith("<")
          || !m.tryCatchBlocks.isEmpty()) {
        continue;
      }
      MethodInsnNode theCall = null;
      int deepest = 0;
      boolean qualifies = true;
      for (AbstractInsnNode n : m.instructions) {
        if (!(n instanceof MethodInsnNode) || ClosedJdkCalls.contains((MethodInsnNode) n)) {
          continue;
        }
        MethodInsnNode call = (MethodInsnNode) n;
        Integer unframed = unframedCallee(cn, declared, plans, call, unframedBytes);
        if (unframed != null) {
          deepest = Math.max(deepest, unframed);
        } else if (theCall == null && !call.owner.startsWith("dev/taskrt/")) {
          theCall = call;
        } else {
          qualifies = false; // a second call that needs a frame, or a call to taskrt
          break;
        }
      }
      int chain = ClassRewriter.frameBytes(m) + deepest;
      if (qualifies && theCall != null && chain <= FrameWorth.LEAF_ALLOWANCE) {
        plan.frameAtCall = theCall;
        chains.put(key, chain);
      }
    }
    // A method whose one call goes to another taken here (or to itself) keeps its frame on entry:
    // framed at the call, its estimate would fold in the callee's chain, and the callee's frame
    // its own estimate again, so a recursion between them would count each method twice.
    for (MethodNode m : cn.methods) {
      MethodPlan plan = plans.get(m.name + m.desc);
      MethodInsnNode call = plan == null ? null : plan.frameAtCall;
      if (call != null && call.owner.equals(cn.name) && chains.containsKey(call.name + call.desc)) {
        plan.frameAtCall = null;
      }
    }
    for (Map.Entry<String, Integer> e : chains.entrySet()) {
      if (plans.get(e.getKey()).frameAtCall != null) {
        unframedBytes.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * Gives back the frames on entry this rule moved to a call, so that they can be decided again.
   */
  static void undo(Map<String, MethodPlan> plans) {
    for (MethodPlan plan : plans.values()) {
      plan.frameAtCall = null;
    }
  }

  /** A frame from a wildcard and nothing else: no task, spawn, boundary, foreign call or main. */
  private static boolean onlyAWildcardFrame(MethodPlan plan) {
    return plan.frameLeftOut == null
        && plan.task == null
        && plan.spawn == null
        && !plan.boundary
        && plan.foreignHeadroom < 0
        && !plan.main
        && !plan.bootDelegation
        && plan.atExitName == null;
  }

  /**
   * The chain of the unframed method of this class {@code call} runs exactly (a leaf or a
   * pass-through), or null when the call may reach anything else.
   */
  private static Integer unframedCallee(
      ClassNode cn,
      Map<String, MethodNode> declared,
      Map<String, MethodPlan> plans,
      MethodInsnNode call,
      Map<String, Integer> unframedBytes) {
    if (!call.owner.equals(cn.name)) {
      return null;
    }
    String key = call.name + call.desc;
    MethodNode target = declared.get(key);
    MethodPlan plan = plans.get(key);
    if (target == null
        || plan == null
        || plan.frameLeftOut == null
        || call.name.startsWith("<")
        || (target.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0
        || !PassThroughs.exact(cn, call, target)) {
      return null;
    }
    return unframedBytes.getOrDefault(key, 0);
  }

  /** The methods of the class that a method {@link PassThroughs} left out calls. */
  private static Set<String> calledByPassThroughs(ClassNode cn, Map<String, MethodPlan> plans) {
    Set<String> called = new HashSet<>();
    for (MethodNode m : cn.methods) {
      MethodPlan plan = plans.get(m.name + m.desc);
      if (plan == null || !PassThroughs.REASON.equals(plan.frameLeftOut)) {
        continue;
      }
      for (AbstractInsnNode n : m.instructions) {
        if (n instanceof MethodInsnNode call && call.owner.equals(cn.name)) {
          called.add(call.name + call.desc);
        }
      }
    }
    return called;
  }
}
