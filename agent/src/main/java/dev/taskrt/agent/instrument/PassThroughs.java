package dev.taskrt.agent.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The second rule of {@link FrameWorth}: under a wildcard {@code frames=} pattern, a small
 * loop-free method that calls only (a) methods of its own class through a call that cannot be
 * dispatched anywhere else, and (b) {@link ClosedJdkCalls JDK methods that run no other code}, is
 * left without a frame, unless it can reach itself through such methods.
 *
 * <p><b>Why no recursion can hide in them.</b> A recursion is a cycle of calls, and each method on
 * it makes the call to the next. Take a method {@code m} this rule leaves out. Its calls of kind
 * (b) run JDK code that calls nothing outside the JDK, so no cycle leaves {@code m} through them.
 * Its calls of kind (a) go to methods this class declares, exactly (a static or {@code
 * invokespecial} call, a private or final method, or any method of a final class): the agent sees
 * every one of them now, with their whole code. Such a callee keeps its frame, or is a loop-free
 * leaf (it calls nothing, so no cycle passes through it), or is left out by this rule too. So a
 * cycle through {@code m} that no frame sees would have to run only through methods this rule
 * leaves out in this class, along calls of kind (a) — and any method that can reach itself along
 * those calls keeps its frame (below, every candidate that depends on a cycle keeps its frame).
 * Every cycle through a method left out here therefore passes through a framed method, whose frame
 * adds its estimate on every trip: the stack limit still catches the recursion.
 *
 * <p><b>Blocking, kills, hooks.</b> With no backward branch and no {@code monitorenter}, and calls
 * only to framed methods (which are checkpoints themselves), to other methods of this kind or
 * leaves (bounded, by the same argument) and to JDK methods that do not block, the method finishes
 * in bounded time, so the next checkpoint comes as soon as it would have. It registers no {@code
 * defer}/{@code onUnwind} hook: that takes a call to taskrt, which is neither kind.
 *
 * <p><b>Stack accounting.</b> The unframed methods that can sit above a framed one, before the next
 * frame, are a chain of these methods ending in at most one leaf, all in one class: its estimate
 * (the {@code chain}, the method's own estimate plus the largest chain among the unframed methods
 * it calls) is what a caller in the same class folds into its own estimate, and a method is only
 * left out when its chain is at most {@link FrameWorth#LEAF_ALLOWANCE}, which is what a caller in
 * another class folds in for each call to a class a wildcard covers.
 */
final class PassThroughs {
  /** The reason recorded for a method left out by this rule. */
  static final String REASON =
      "loop-free, and calls only methods of its own class that cannot lead back to it, or JDK"
          + " methods that run no other code: its frame could catch no recursion, no blocking"
          + " call and no hook";

  private PassThroughs() {}

  /**
   * Leaves out the frames of {@code cn}'s methods this rule finds need none, after {@link
   * FrameWorth}'s leaves were left out, and records their chain estimates in {@code unframedBytes}
   * (method name and descriptor to bytes; leaves are already in it).
   *
   * @param declared the class's methods by name and descriptor
   * @param skipped methods that will not be rewritten at all (so keep no frame whatever their plan)
   */
  static void leaveOut(
      ClassNode cn,
      Map<String, MethodNode> declared,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      Map<String, Integer> unframedBytes) {
    // candidate -> the candidates it calls (each once)
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (MethodNode m : cn.methods) {
      String key = m.name + m.desc;
      if (!FrameWorth.smallLoopFreeWildcardFrame(plans.get(key), m, skipped)) {
        continue;
      }
      List<String> callees = ownCallees(cn, declared, plans, skipped, m);
      if (callees != null) {
        calls.put(key, callees);
      }
    }
    decide(calls, declared, plans, unframedBytes);
  }

  /** Gives back the frames this rule took away, so that they can be decided again. */
  static void undo(Map<String, MethodPlan> plans) {
    for (MethodPlan plan : plans.values()) {
      if (REASON.equals(plan.frameLeftOut)) {
        plan.frame = true;
        plan.frameLeftOut = null;
        plan.leftOutBytes = 0;
      }
    }
  }

  /**
   * Takes the candidates callees first (a candidate whose candidate callees were all decided), so a
   * candidate that can reach a cycle of candidates, or is on one, is never taken and keeps its
   * frame. Each taken candidate's chain is its estimate plus the largest chain it calls.
   */
  private static void decide(
      Map<String, List<String>> calls,
      Map<String, MethodNode> declared,
      Map<String, MethodPlan> plans,
      Map<String, Integer> unframedBytes) {
    Map<String, Integer> waitingOn = new HashMap<>();
    Map<String, List<String>> callers = new HashMap<>();
    ArrayDeque<String> ready = new ArrayDeque<>();
    for (Map.Entry<String, List<String>> e : calls.entrySet()) {
      int waiting = 0;
      for (String callee : e.getValue()) {
        if (calls.containsKey(callee)) {
          waiting++;
          callers.computeIfAbsent(callee, k -> new ArrayList<>()).add(e.getKey());
        }
      }
      waitingOn.put(e.getKey(), waiting);
      if (waiting == 0) {
        ready.add(e.getKey());
      }
    }
    while (!ready.isEmpty()) {
      String key = ready.poll();
      int chain = ClassRewriter.frameBytes(declared.get(key));
      int deepest = 0;
      for (String callee : calls.get(key)) {
        deepest = Math.max(deepest, unframedBytes.getOrDefault(callee, 0));
      }
      chain += deepest;
      if (chain <= FrameWorth.LEAF_ALLOWANCE) {
        MethodPlan plan = plans.get(key);
        plan.frame = false;
        plan.frameLeftOut = REASON;
        plan.leftOutBytes = chain;
        unframedBytes.put(key, chain);
      }
      for (String caller : callers.getOrDefault(key, List.of())) {
        if (waitingOn.merge(caller, -1, Integer::sum) == 0) {
          ready.add(caller);
        }
      }
    }
  }

  /**
   * The methods of its own class {@code m} calls (each once), or null when one of its calls is of
   * neither kind: not exact, not to a method declared here, to a method that may have no frame for
   * another reason (not planned, a constructor, native, skipped), or to code outside the class
   * other than a closed JDK method.
   */
  private static List<String> ownCallees(
      ClassNode cn,
      Map<String, MethodNode> declared,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      MethodNode m) {
    List<String> callees = new ArrayList<>();
    for (AbstractInsnNode n : m.instructions) {
      if (!(n instanceof MethodInsnNode)) {
        continue;
      }
      MethodInsnNode call = (MethodInsnNode) n;
      if (ClosedJdkCalls.contains(call)) {
        continue;
      }
      String key = call.name + call.desc;
      MethodNode target = call.owner.equals(cn.name) ? declared.get(key) : null;
      if (target == null
          || call.name.startsWith("<")
          || (target.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0
          || !exact(cn, call, target)
          || !mayStandWithoutItsFrame(plans.get(key), key, skipped)) {
        return null;
      }
      if (!callees.contains(key)) {
        callees.add(key);
      }
    }
    return callees;
  }

  /** The call runs exactly {@code target}: no override can be dispatched to instead. */
  static boolean exact(ClassNode cn, MethodInsnNode call, MethodNode target) {
    switch (call.getOpcode()) {
      case Opcodes.INVOKESTATIC:
      case Opcodes.INVOKESPECIAL:
        return true;
      case Opcodes.INVOKEVIRTUAL:
      case Opcodes.INVOKEINTERFACE:
        return (target.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) != 0
            || ((cn.access & Opcodes.ACC_FINAL) != 0 && call.getOpcode() == Opcodes.INVOKEVIRTUAL);
      default:
        return false;
    }
  }

  /**
   * Whether the callee is accounted for: it keeps a frame, or a wildcard left it out (a leaf, or a
   * candidate of this rule, decided later).
   */
  private static boolean mayStandWithoutItsFrame(MethodPlan plan, String key, Set<String> skipped) {
    return plan != null && !skipped.contains(key) && (plan.frame || plan.frameLeftOut != null);
  }
}
