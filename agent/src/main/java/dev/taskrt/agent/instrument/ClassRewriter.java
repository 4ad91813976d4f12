package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.MethodRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
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

  /** What the fourth rule promised ({@link PromiseRule}), or null when it is off. */
  private final PromiseBook book;

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
    this(targets, mainAsRootTask, warnings, log, null);
  }

  /**
   * @param targets the patterns and main class
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   * @param log where each decision is told ({@code verbose=true})
   * @param book what the fourth rule promised, or null to leave it off
   */
  ClassRewriter(
      Targets targets, boolean mainAsRootTask, Warnings warnings, PlanLog log, PromiseBook book) {
    this.planner = new ClassPlanner(targets, mainAsRootTask, warnings, log);
    this.targets = targets;
    this.warnings = warnings;
    this.book = book;
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
    return rewrite(internalName, bytes, mayDelegate, retransforming, null);
  }

  /**
   * As above, for a class of {@code loader}, from whose class path the fourth rule may read ahead
   * the class files of classes not loaded yet ({@link PromiseBook}).
   */
  public byte[] rewrite(
      String internalName,
      byte[] bytes,
      boolean mayDelegate,
      boolean retransforming,
      ClassLoader loader) {
    ClassReader reader = new ClassReader(bytes);
    ClassNode survey = new ClassNode();
    reader.accept(survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    boolean covered = book != null && targets.framesWildcardCovers(survey.name);
    if (book == null || !(covered || mayOverride(survey.access, survey.superName))) {
      return rewrite(internalName, reader, survey, mayDelegate, retransforming, null).bytes;
    }
    synchronized (book.lock()) {
      if (covered && !book.matchesReadAhead(survey)) {
        warnings.warn(
            "class "
                + internalName.replace('/', '.')
                + " differs from its class file on the class path, which taskrt read before it"
                + " loaded; methods left without a frame may have counted on what that file said,"
                + " and a recursion through them may reach the thread's real stack limit before"
                + " the task's");
      }
      Outcome outcome;
      book.readClassFilesFrom(loader == null ? null : name -> classFile(loader, name));
      try {
        outcome = rewrite(internalName, reader, survey, mayDelegate, retransforming, book);
      } catch (RuntimeException | Error e) {
        book.recordUnchanged(survey);
        warnIfCountedOn(survey);
        throw e;
      } finally {
        book.readClassFilesFrom(null);
      }
      if (outcome.bytes == null && !outcome.plans.isEmpty()) {
        book.recordUnchanged(survey); // planned, and yet left as it was (too large)
        warnIfCountedOn(survey);
      } else {
        book.recordRewritten(
            survey, outcome.plans, outcome.skipped, covered, retransforming, outcome.promises);
      }
      warnPromisesNotKept(survey, outcome);
      return outcome.bytes;
    }
  }

  /** The class file {@code loader} would define a class from, or null (read, not loaded). */
  private static byte[] classFile(ClassLoader loader, String internalName) {
    try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether a class outside the patterns may hold an override of a method of a class inside them,
   * so that {@link PromiseBook} must see it: an interface (its default methods), or a class whose
   * superclass is not the JDK's. A {@code java.} class cannot extend an application's class, and
   * only the JDK may define classes in {@code java.}.
   */
  static boolean mayOverride(int access, String superName) {
    return (access & Opcodes.ACC_INTERFACE) != 0
        || (superName != null && !superName.startsWith("java/"));
  }

  /**
   * A class the transformer would otherwise pass over, checked for overrides a promise covers
   * ({@link PromiseBook}); its bytes with those methods framed, or null when it has none.
   */
  public byte[] watch(
      String internalName, byte[] bytes, boolean retransforming, ClassLoader loader) {
    if (book == null) {
      return null;
    }
    ClassReader reader = new ClassReader(bytes);
    if (!mayOverride(reader.getAccess(), reader.getSuperName())) {
      return null;
    }
    return rewrite(internalName, bytes, false, retransforming, loader);
  }

  /**
   * Records a class a wildcard covers that the agent never rewrites (the bootstrap loader defines
   * it): none of its methods keeps a frame, so nothing may count on them.
   */
  public void recordLeftAsItIs(byte[] bytes) {
    if (book == null) {
      return;
    }
    ClassNode survey = new ClassNode();
    new ClassReader(bytes)
        .accept(survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    synchronized (book.lock()) {
      book.recordUnchanged(survey);
      warnIfCountedOn(survey);
    }
  }

  /** One warning when methods left without a frame may have counted on a class left unchanged. */
  private void warnIfCountedOn(ClassNode survey) {
    for (MethodNode m : survey.methods) {
      if (!m.name.startsWith("<") && book.isCountedOn(m.name + m.desc)) {
        warnings.warn(
            "class "
                + survey.name.replace('/', '.')
                + " was left as it was, and methods left without a frame may count on its "
                + m.name
                + "; a recursion through them may reach the thread's real stack limit before the"
                + " task's");
        return;
      }
    }
  }

  /** One warning for each override a promise covers that could not be framed. */
  private void warnPromisesNotKept(ClassNode survey, Outcome outcome) {
    for (MethodNode m : survey.methods) {
      String key = m.name + m.desc;
      if (outcome.skipped.contains(key) && book.isCountedOn(key)) {
        warnNotFramed(survey, m); // too large to rewrite, and a method left out may count on it
        continue;
      }
      if (!PromiseBook.isDispatchable(m) || !book.isPromised(key)) {
        continue;
      }
      MethodPlan plan = outcome.bytes == null ? null : outcome.plans.get(key);
      if (plan == null || !plan.frame && plan.frameLeftOut == null) {
        warnNotFramed(survey, m);
      }
    }
  }

  private void warnNotFramed(ClassNode survey, MethodNode m) {
    warnings.warn(
        "could not frame "
            + ClassPlanner.describe(survey.name, m.name, m.desc)
            + ", which methods left without a frame count on; a recursion through it may reach the"
            + " thread's real stack limit before the task's");
  }

  /** A rewrite's result, and what the {@link PromiseBook} records of it. */
  private record Outcome(
      byte[] bytes,
      Map<String, MethodPlan> plans,
      Set<String> skipped,
      Map<String, Integer> promises) {}

  private Outcome rewrite(
      String internalName,
      ClassReader reader,
      ClassNode survey,
      boolean mayDelegate,
      boolean retransforming,
      PromiseBook book) {
    ClassPlan plan = planner.plan(survey, mayDelegate, retransforming);
    Map<String, MethodPlan> plans = plan.methods();
    if (book != null) {
      planner.framePromised(survey, plans, book);
    }
    Set<String> tooLarge = new HashSet<>();
    Map<String, Integer> promises = new java.util.HashMap<>();
    if (plan.isEmpty()) {
      return new Outcome(null, plans, tooLarge, promises);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ClassNode cn = new ClassNode();
      reader.accept(cn, ClassReader.EXPAND_FRAMES);
      apply(cn, plan, tooLarge, book, promises);
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      try {
        cn.accept(writer);
        byte[] rewritten = writer.toByteArray();
        planner.tellWildcardFrames(survey.name, plans);
        return new Outcome(rewritten, plans, tooLarge, promises);
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
        return new Outcome(null, plans, tooLarge, promises);
      }
    }
    return new Outcome(null, plans, tooLarge, promises);
  }

  private void apply(
      ClassNode cn,
      ClassPlan plan,
      Set<String> skipped,
      PromiseBook book,
      Map<String, Integer> promises) {
    Map<String, MethodPlan> plans = plan.methods();
    String className = cn.name.replace('/', '.');
    int major = cn.version & 0xFFFF;
    List<MethodNode> methods = new ArrayList<>(cn.methods);
    FrameWorth.LeafSizes leaves = FrameWorth.leaveOut(cn, plans, targets, skipped, book, promises);
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
