package dev.taskrt.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The fourth rule of {@link FrameWorth}: under a wildcard {@code frames=} pattern, a small
 * loop-free method that the first three rules leave framed keeps no frame when every method each of
 * its calls may run has a level below the one it is given ({@link PromiseBook}): most of a
 * library's hot small methods are a getter that calls a virtual method of another class of the
 * library, every implementation of which keeps its frame or needs none.
 *
 * <p>A method qualifies when, besides {@link FrameWorth#smallLoopFreeWildcardFrame}, it is not a
 * constructor or class initialiser, no method of its class framed at its one call calls it besides
 * that call (that rule counted on its frame), each pass-through of its class that calls it can go a
 * level above it ({@link #canRaise}), it is not an instance method a supertype outside the patterns
 * declares ({@link #mayBeEnteredFromOutside}), and each of its calls is a {@link ClosedJdkCalls
 * closed JDK call}, or a call, not through an interface, not of a constructor, not of a method
 * every object has ({@code toString}, {@code equals}, {@code hashCode}), not to taskrt, and not of
 * its own key on its own class or a superclass (a call of its own key on a class its class is known
 * not to extend, a delegation, cannot run it), that resolves, through classes a wildcard covers
 * (its own included, but not through its own class, whose methods are being decided), to a method
 * with a level: classes already rewritten by their records, classes not loaded yet by their class
 * files, read ahead from the class path; a closed JDK method reached on the way up (an enum's
 * {@code ordinal()}) has level 0. Its level is one more than the highest level among the resolved
 * methods and, for calls an override may answer, the methods of the call's key seen so far; it must
 * be at most {@link PromiseBook#MAX_LEVEL} and within its own key's cap. Each key it calls is then
 * capped one below its level. The methods of one class are decided callees first, so that a caller
 * is given a level above its callee's rather than capping the callee's key below it.
 *
 * <p><b>Why no recursion can hide.</b> Every method a call of a method of level {@code n} may run
 * has a lower level: the resolved one by its record or its cap, an override seen before by the
 * level's definition, one defined later by the cap. A cycle of calls therefore passes through
 * methods of ever lower levels until one of level 0, which is base-safe, and every cycle through a
 * base-safe method meets a frame.
 *
 * <p><b>Stack accounting.</b> The method's estimate, plus {@link FrameWorth#LEAF_ALLOWANCE} for
 * each level, is folded into its callers' in its class; a caller in another class folds in the
 * allowance, as for a leaf. Below it may run methods of lower levels and one chain of the first two
 * rules, which no caller in another class folds in: between two frames the estimate may miss up to
 * {@code MAX_LEVEL} allowances (docs/AGENT.md).
 */
final class PromiseRule {
  /** The reason recorded for a method this rule left out. */
  static final String REASON =
      "each of its calls runs a method that keeps a frame or needs none, and so will every"
          + " override loaded later";

  private static final Set<String> EVERY_OBJECTS =
      Set.of("toString()Ljava/lang/String;", "hashCode()I", "equals(Ljava/lang/Object;)Z");

  /** Stands, among the methods that count on a method's frame, for one framed at its one call. */
  private static final String AT_CALL = "(framed at its one call)";

  private PromiseRule() {}

  /**
   * Leaves out the frames of the methods of {@code cn} this rule takes, after the first three rules
   * decided, with {@code book}'s lock held; returns the promises their calls need: per key, the
   * highest level a method of that key may be left out at from now on.
   */
  static Map<String, Integer> leaveOut(
      ClassNode cn,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      Map<String, Integer> unframedBytes,
      PromiseBook book,
      Targets targets) {
    Map<String, Integer> caps = new HashMap<>();
    if (!book.promising()) {
      return caps;
    }
    Map<String, Set<String>> reliers = reliers(cn, plans);
    Map<String, MethodNode> declared = FrameWorth.declared(cn);
    Map<String, Integer> levels = new HashMap<>();
    Set<String> fromOutside = book.keysFromOutside(cn, targets);
    for (MethodNode m : calleesFirst(cn)) {
      String key = m.name + m.desc;
      MethodPlan plan = plans.get(key);
      if (!FrameWorth.smallLoopFreeWildcardFrame(plan, m, skipped)
          || m.name.startsWith("<")
          || mayBeEnteredFromOutside(m, fromOutside)) {
        continue;
      }
      List<String> dispatched = new ArrayList<>();
      int level = level(cn, m, plans, skipped, book, targets, levels, dispatched);
      if (level > Math.min(cap(key, caps, book), PromiseBook.MAX_LEVEL)) {
        continue;
      }
      Set<String> counting = reliers.getOrDefault(key, Set.of());
      if (!canRaise(m, level, counting, declared, fromOutside, plans, reliers, caps, book)) {
        continue;
      }
      leave(m, plan, level, dispatched, unframedBytes, levels, caps);
      for (String passThrough : counting) {
        MethodPlan raised = plans.get(passThrough);
        leave(
            declared.get(passThrough),
            raised,
            Math.max(levelOf(raised), level + 1),
            List.of(),
            unframedBytes,
            levels,
            caps);
      }
    }
    return caps;
  }

  /** The highest level a method of {@code key} may be left out at in this class now. */
  private static int cap(String key, Map<String, Integer> caps, PromiseBook book) {
    return Math.min(
        book.cap(key),
        Math.min(
            caps.getOrDefault(key, PromiseBook.NEVER),
            caps.getOrDefault(PromiseBook.EXACT + key, PromiseBook.NEVER)));
  }

  /** Its level under this rule: 0 for a method it has not left out. */
  private static int levelOf(MethodPlan plan) {
    return REASON.equals(plan.frameLeftOut) ? plan.promiseLevel : 0;
  }

  /**
   * Whether {@code m}, to be left out at {@code level}, may be although the methods {@code
   * counting} counted on its frame: each is a pass-through (the second rule's; none framed at its
   * one call, {@link #AT_CALL}) on which no other method counts, that {@code m} does not call, and
   * that can go one level above {@code m} within the highest level and its key's cap. It then
   * counts on {@code m} by the level argument instead: every method it calls has a lower level.
   */
  private static boolean canRaise(
      MethodNode m,
      int level,
      Set<String> counting,
      Map<String, MethodNode> declared,
      Set<String> fromOutside,
      Map<String, MethodPlan> plans,
      Map<String, Set<String>> reliers,
      Map<String, Integer> caps,
      PromiseBook book) {
    for (String passThrough : counting) {
      if (passThrough.equals(AT_CALL)
          || mayBeEnteredFromOutside(declared.get(passThrough), fromOutside)) {
        return false;
      }
      MethodPlan plan = plans.get(passThrough);
      int raised = Math.max(levelOf(plan), level + 1);
      if (!(PassThroughs.REASON.equals(plan.frameLeftOut) || REASON.equals(plan.frameLeftOut))
          || reliers.containsKey(passThrough)
          || calls(m, passThrough)
          || raised > Math.min(cap(passThrough, caps, book), PromiseBook.MAX_LEVEL)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code m} may be dispatched to straight from code no pattern covers: an instance method
   * whose name and descriptor a supertype outside the patterns declares ({@code Runnable.run},
   * say), or any instance method when those supertypes are not known ({@code fromOutside} null).
   * Such a caller's frame folds in nothing for {@code m}, so what {@code m} runs without a frame
   * would go uncounted on every trip of a recursion through that call: {@code m} keeps its frame,
   * and the unframed methods below it are folded into its estimate.
   */
  private static boolean mayBeEnteredFromOutside(MethodNode m, Set<String> fromOutside) {
    if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0) {
      return false;
    }
    return fromOutside == null || fromOutside.contains(m.name + m.desc);
  }

  /** Whether {@code m} makes a call of this name and descriptor. */
  private static boolean calls(MethodNode m, String key) {
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode call && key.equals(call.name + call.desc)) {
        return true;
      }
    }
    return false;
  }

  /** Leaves {@code m} out at {@code level}, and caps the keys it calls one below. */
  private static void leave(
      MethodNode m,
      MethodPlan plan,
      int level,
      List<String> dispatched,
      Map<String, Integer> unframedBytes,
      Map<String, Integer> levels,
      Map<String, Integer> caps) {
    String key = m.name + m.desc;
    plan.frame = false;
    plan.frameAtCall = null;
    plan.frameLeftOut = REASON;
    plan.promiseLevel = level;
    plan.leftOutBytes = ClassRewriter.frameBytes(m) + FrameWorth.LEAF_ALLOWANCE * level;
    unframedBytes.put(key, plan.leftOutBytes);
    levels.put(key, Math.max(level, levels.getOrDefault(key, 0)));
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode call && !ClosedJdkCalls.contains(call)) {
        String k = call.name + call.desc;
        // a call an override may answer caps every method of its key; an exact call only what
        // the rule may do to its key (the target's class may be rewritten again)
        String capped = dispatched.contains(k) ? k : PromiseBook.EXACT + k;
        caps.put(capped, Math.min(level - 1, caps.getOrDefault(capped, PromiseBook.NEVER)));
      }
    }
  }

  /** Gives back the frames this rule took away, so that they can be decided again. */
  static void undo(Map<String, MethodPlan> plans) {
    for (MethodPlan plan : plans.values()) {
      if (REASON.equals(plan.frameLeftOut)) {
        plan.frame = true;
        plan.frameLeftOut = null;
        plan.leftOutBytes = 0;
        plan.promiseLevel = 0;
      }
    }
  }

  /**
   * The level {@code m} would be left out at: one more than the highest level among the methods
   * each of its calls may run (0 for base-safe ones), or {@link PromiseBook#NEVER} when one of its
   * calls may run a method that is not safe, or it calls nothing that needs a frame.
   *
   * @param levels the levels of the methods of this class left out so far, by key
   * @param dispatched where the keys of its calls an override may answer go
   */
  private static int level(
      ClassNode cn,
      MethodNode m,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      PromiseBook book,
      Targets targets,
      Map<String, Integer> levels,
      List<String> dispatched) {
    int highest = -1;
    for (AbstractInsnNode n : m.instructions) {
      if (!(n instanceof MethodInsnNode)) {
        continue;
      }
      MethodInsnNode call = (MethodInsnNode) n;
      if (ClosedJdkCalls.contains(call)) {
        continue;
      }
      String key = call.name + call.desc;
      if (key.equals(m.name + m.desc)
          && !book.notASubclass(cn.name, cn.superName, call.owner, targets)) {
        // its own key, on its class or a superclass: the call may run it, a method of the key
        // above its own level (a call of its key on another class, a delegation, cannot)
        return PromiseBook.NEVER;
      }
      if (call.getOpcode() == Opcodes.INVOKEINTERFACE
          || call.itf
          || call.name.startsWith("<")
          || EVERY_OBJECTS.contains(key)
          || call.owner.startsWith("dev/taskrt/")) {
        return PromiseBook.NEVER;
      }
      int status;
      if (!call.owner.equals(cn.name)) {
        status = book.resolve(call.owner, key, cn.name, targets);
      } else if (declares(cn, key)) {
        status = ownStatus(cn, key, plans, skipped);
      } else {
        // inherited: the class itself declares no such method
        status = book.resolve(cn.superName, key, cn.name, targets);
      }
      if (status < 0
          || (status & (PromiseBook.SAFE | PromiseBook.ABSTRACT | PromiseBook.LEFT_OUT)) == 0) {
        return PromiseBook.NEVER;
      }
      boolean overridden =
          (status & PromiseBook.OVERRIDABLE) != 0 && call.getOpcode() == Opcodes.INVOKEVIRTUAL;
      if (!overridden && (status & (PromiseBook.SAFE | PromiseBook.LEFT_OUT)) == 0) {
        return PromiseBook.NEVER; // an abstract method run exactly: nothing to run
      }
      int target = PromiseBook.levelOf(status);
      if (overridden) {
        dispatched.add(key);
        // any method of the key seen so far may be an override the call runs, this class's too
        target = Math.max(target, book.highestLevel(key));
        target = Math.max(target, levels.getOrDefault(key, 0));
        if (!call.owner.equals(cn.name) && declares(cn, key)) {
          int own = ownStatus(cn, key, plans, skipped);
          if ((own & (PromiseBook.SAFE | PromiseBook.ABSTRACT | PromiseBook.LEFT_OUT)) == 0) {
            return PromiseBook.NEVER; // a bridge, say: no frame, and not left out by a rule
          }
          target = Math.max(target, PromiseBook.levelOf(own));
        }
      }
      if (target == PromiseBook.NEVER) {
        return PromiseBook.NEVER;
      }
      highest = Math.max(highest, target);
    }
    return highest < 0 ? PromiseBook.NEVER : highest + 1;
  }

  /** Whether the class declares a method of this key (with code or not). */
  private static boolean declares(ClassNode cn, String key) {
    for (MethodNode m : cn.methods) {
      if (key.equals(m.name + m.desc)) {
        return true;
      }
    }
    return false;
  }

  /** The status of a method of the class being planned, as {@link PromiseBook#resolve} gives it. */
  private static int ownStatus(
      ClassNode cn, String key, Map<String, MethodPlan> plans, Set<String> skipped) {
    MethodNode target = null;
    for (MethodNode m : cn.methods) {
      if (key.equals(m.name + m.desc)) {
        target = m;
        break;
      }
    }
    if (target == null) {
      return -1;
    }
    MethodPlan plan = skipped.contains(key) ? null : plans.get(key);
    return PromiseBook.status(target, plan, (cn.access & Opcodes.ACC_FINAL) != 0);
  }

  /**
   * The class's methods in the order the rule decides them: each after the methods of the class
   * whose name and descriptor it calls, on whatever class, so that a callee is decided (and given
   * its level, or its frame) before the callers that count on it or cap its key; methods on a cycle
   * of such calls come last, in the class's order.
   */
  private static List<MethodNode> calleesFirst(ClassNode cn) {
    Set<String> declared = new HashSet<>();
    for (MethodNode m : cn.methods) {
      declared.add(m.name + m.desc);
    }
    Map<MethodNode, Set<String>> waitsFor = new HashMap<>();
    for (MethodNode m : cn.methods) {
      Set<String> keys = new HashSet<>();
      for (AbstractInsnNode n : m.instructions) {
        if (n instanceof MethodInsnNode call && declared.contains(call.name + call.desc)) {
          keys.add(call.name + call.desc);
        }
      }
      keys.remove(m.name + m.desc);
      waitsFor.put(m, keys);
    }
    List<MethodNode> order = new ArrayList<>();
    Set<String> decided = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (MethodNode m : cn.methods) {
        String key = m.name + m.desc;
        if (!decided.contains(key) && decided.containsAll(waitsFor.get(m))) {
          order.add(m);
          decided.add(key);
          progress = true;
        }
      }
    }
    for (MethodNode m : cn.methods) {
      if (!decided.contains(m.name + m.desc)) {
        order.add(m);
      }
    }
    return order;
  }

  /**
   * Per method of the class, the methods of the class that count on its frame: a method left out by
   * the second rule that calls it, by its key, or {@link #AT_CALL} for a method framed at its one
   * call that calls it besides that call (the one call itself is framed).
   */
  private static Map<String, Set<String>> reliers(ClassNode cn, Map<String, MethodPlan> plans) {
    Map<String, Set<String>> relied = new HashMap<>();
    for (MethodNode m : cn.methods) {
      MethodPlan plan = plans.get(m.name + m.desc);
      if (plan == null
          || !(PassThroughs.REASON.equals(plan.frameLeftOut) || plan.frameAtCall != null)) {
        continue;
      }
      String relier = plan.frameAtCall != null ? AT_CALL : m.name + m.desc;
      for (AbstractInsnNode n : m.instructions) {
        if (n instanceof MethodInsnNode call
            && call != plan.frameAtCall
            && call.owner.equals(cn.name)) {
          relied.computeIfAbsent(call.name + call.desc, k -> new HashSet<>()).add(relier);
        }
      }
    }
    return relied;
  }
}
