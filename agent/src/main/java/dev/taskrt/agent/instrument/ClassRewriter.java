package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites one class: a survey without code goes to the {@link ClassPlanner}, which decides what
 * becomes of each method; then, only if something is to be done, the class is parsed with its code
 * and frames, each planned rewrite is applied (one class per rewrite), and the class is written
 * with its stack map frames kept up to date by the rewrites (no class is loaded to compute frames).
 * A method that grows past the JVM's 64 KiB code limit is left as it was, with a warning.
 *
 * <p>Frame size estimate, per method: {@code (max_locals + max_stack) * 8 + 16} bytes (a slot is
 * taken as 8 bytes, plus a fixed frame header), from the method's own {@code Code} attribute.
 */
public final class ClassRewriter {
  private static final int MAX_ATTEMPTS = 4;

  private final ClassPlanner planner;
  private final Targets targets;
  private final Warnings warnings;

  /**
   * @param targets the patterns and main class
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   */
  public ClassRewriter(Targets targets, boolean mainAsRootTask, Warnings warnings) {
    this(targets, mainAsRootTask, warnings, PlanLog.QUIET);
  }

  /**
   * @param targets the patterns and main class
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   * @param log where each decision is told ({@code verbose=true})
   */
  public ClassRewriter(Targets targets, boolean mainAsRootTask, Warnings warnings, PlanLog log) {
    this.planner = new ClassPlanner(targets, mainAsRootTask, warnings, log);
    this.targets = targets;
    this.warnings = warnings;
  }

  /** Frame size estimate of a method, in bytes. */
  static int frameBytes(MethodNode m) {
    return (m.maxLocals + m.maxStack) * 8 + 16;
  }

  /**
   * The rewritten class, or null when it has nothing to rewrite.
   *
   * @param internalName the class's name ({@code com/acme/Service})
   * @param bytes the class file
   * @param mayDelegate whether a {@code loadClass} method may be made to delegate taskrt's classes
   * @param retransforming whether the class is already loaded (no method may be added)
   */
  public byte[] rewrite(
      String internalName, byte[] bytes, boolean mayDelegate, boolean retransforming) {
    ClassReader reader = new ClassReader(bytes);
    ClassNode survey = new ClassNode();
    reader.accept(survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    ClassPlan plan = planner.plan(survey, mayDelegate, retransforming);
    if (plan.isEmpty()) {
      return null;
    }
    Map<String, MethodPlan> plans = plan.methods();
    Set<String> tooLarge = new HashSet<>();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ClassNode cn = new ClassNode();
      reader.accept(cn, ClassReader.EXPAND_FRAMES);
      apply(cn, plan, tooLarge);
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      try {
        cn.accept(writer);
        byte[] rewritten = writer.toByteArray();
        planner.tellWildcardFrames(survey.name, plans);
        return rewritten;
      } catch (MethodTooLargeException e) {
        String key = e.getMethodName() + e.getDescriptor();
        if (!plans.containsKey(key) || !tooLarge.add(key)) {
          throw e;
        }
        warnings.warn(
            "left "
                + ClassPlanner.describe(survey.name, e.getMethodName(), e.getDescriptor())
                + " unchanged: rewritten it would be "
                + e.getCodeSize()
                + " bytes of code, over the JVM's limit of 65535");
      } catch (ClassTooLargeException e) {
        warnings.warn(
            "left class "
                + internalName.replace('/', '.')
                + " unchanged: rewritten it is too large");
        return null;
      }
    }
    return null;
  }

  private void apply(ClassNode cn, ClassPlan plan, Set<String> skipped) {
    Map<String, MethodPlan> plans = plan.methods();
    String className = cn.name.replace('/', '.');
    int major = cn.version & 0xFFFF;
    List<MethodNode> methods = new ArrayList<>(cn.methods);
    FrameWorth.LeafSizes leaves = FrameWorth.leaveOut(cn, plans, targets, skipped);
    for (MethodNode m : methods) {
      String key = m.name + m.desc;
      MethodPlan mp = plans.get(key);
      if (mp == null || skipped.contains(key)) {
        continue;
      }
      boolean frames = major >= 51 || (major == 50 && Bytecode.hasFrames(m));
      if (mp.bootDelegation) {
        BootDelegationRewrite.apply(cn, m, frames);
      }
      if (!needsId(mp)) {
        continue;
      }
      int frameBytes = frameBytes(m) + (mp.frame ? FrameWorth.calleeAllowance(m, leaves) : 0);
      int id = MethodRegistry.register(info(className, m, frameBytes, mp.taskOptions()));
      boolean foreignOnOwnStack =
          mp.foreignStackSize > 0 && mp.spawn == null && mp.task == null && !mp.main;
      if (mp.foreignHeadroom >= 0 && !foreignOnOwnStack) {
        ForeignRewrite.apply(m, frames, id, mp.foreignHeadroom);
      }
      if (mp.boundary) {
        BoundaryRewrite.apply(cn, m, frames, id, frameBytes, find(cn, mp.boundaryFallback, m));
      } else if (mp.frameAtCall != null) {
        FrameRewrite.applyAtCall(m, frames, id, frameBytes, mp.frameAtCall);
      } else if (mp.frame) {
        FrameRewrite.apply(m, frames, id, frameBytes, mp.frameByWildcard);
      }
      if (mp.spawn != null) {
        SpawnRewrite.apply(cn, m, id, mp.spawnReturnKind);
      } else if (mp.task != null) {
        if (mp.task.stackSize() > 0) {
          TaskOnThreadRewrite.apply(cn, m, id);
        } else {
          TaskRewrite.apply(m, frames, id);
        }
      }
      if (foreignOnOwnStack) {
        // last, as a task's move is: frame and boundary code stay on the caller's thread
        ForeignOnOwnStackRewrite.apply(cn, m, id, mp.foreignHeadroom, mp.foreignStackSize);
      }
      if (mp.main) {
        MainRewrite.apply(m, frames);
      }
    }
    for (MethodPlan mp : plans.values()) {
      if (mp.atExitName != null && !skipped.contains(mp.name + mp.descriptor)) {
        AtExitRewrite.apply(cn, mp.name, mp.atExitName);
      }
    }
    if (plan.contextHook()) {
      ContextClassRewrite.apply(cn);
    }
  }

  private static boolean needsId(MethodPlan plan) {
    return plan.task != null
        || plan.spawn != null
        || plan.frame
        || plan.foreignHeadroom >= 0
        || plan.boundary
        || plan.main;
  }

  private static MethodInfo info(
      String className, MethodNode m, int frameBytes, MethodPlan.TaskOptions o) {
    String taskName =
        o.name().isEmpty() ? MethodInfo.simpleName(className) + "." + m.name : o.name();
    return new MethodInfo(
        className,
        m.name,
        m.desc,
        frameBytes,
        taskName,
        o.mode(),
        o.stackLimit(),
        o.stackSize(),
        o.scheduler(),
        o.weak());
  }

  private static MethodNode find(ClassNode cn, String name, MethodNode like) {
    if (name == null) {
      return null;
    }
    for (MethodNode m : cn.methods) {
      if (m.name.equals(name)
          && m.desc.equals(like.desc)
          && Bytecode.isStatic(m) == Bytecode.isStatic(like)) {
        return m;
      }
    }
    return null;
  }
}
