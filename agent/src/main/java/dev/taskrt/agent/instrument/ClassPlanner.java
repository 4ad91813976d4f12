package dev.taskrt.agent.instrument;

import dev.taskrt.SpawnMode;
import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.ClinitHook;
import dev.taskrt.agent.asm.MovedBody;
import dev.taskrt.agent.config.Glob;
import dev.taskrt.agent.config.OptionKey;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.Sizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Decides what becomes of a class, from a survey of it without code: each method's {@link
 * MethodPlan} from its annotations (taskrt's and those {@code annotations=} maps), the option
 * patterns and the main class, and whether the class's static initialiser tells the runtime about
 * its context. A target that cannot apply is skipped here with one warning naming the method and
 * the reason; nothing is rewritten and no runtime state changes.
 */
final class ClassPlanner {
  private static final String ANNOTATION_PREFIX = "Ldev/taskrt/";

  private final Targets targets;
  private final boolean mainAsRootTask;
  private final Warnings warnings;

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where targets that cannot apply are reported
   */
  ClassPlanner(Targets targets, boolean mainAsRootTask, Warnings warnings) {
    this.targets = targets;
    this.mainAsRootTask = mainAsRootTask;
    this.warnings = warnings;
  }

  /**
   * The plan of a class.
   *
   * @param survey the class, read without code
   * @param mayDelegate whether a {@code loadClass} method may be made to delegate taskrt's classes
   * @param retransforming whether the class is already loaded (no method may be added)
   */
  ClassPlan plan(ClassNode survey, boolean mayDelegate, boolean retransforming) {
    Map<String, MethodPlan> methods = planMethods(survey, mayDelegate);
    if (retransforming) {
      dropWhatAddsMethods(survey, methods);
    }
    boolean contextHook = !retransforming && targets.isContextClass(survey.name);
    if (contextHook && !ClinitHook.canHook(survey)) {
      warnings.warn(
          "cannot hook " + survey.name.replace('/', '.') + "; its context does not follow tasks");
      contextHook = false;
    }
    return new ClassPlan(methods, contextHook);
  }

  private Map<String, MethodPlan> planMethods(ClassNode cn, boolean mayDelegate) {
    String className = cn.name.replace('/', '.');
    int major = cn.version & 0xFFFF;
    boolean byPattern = targets.anyPatternMatchesClass(className);
    boolean mainClass = mainAsRootTask && targets.isMainClass(cn.name);
    Map<String, MethodPlan> plans = new LinkedHashMap<>();
    for (MethodNode m : cn.methods) {
      MethodPlan plan = new MethodPlan(m.name, m.desc);
      String where = describe(cn.name, m.name, m.desc);
      if (m.visibleAnnotations != null) {
        for (AnnotationNode a : m.visibleAnnotations) {
          if (a.desc.startsWith(ANNOTATION_PREFIX)) {
            fromAnnotation(plan, a, cn, m, major, where);
          }
        }
      }
      fromMappedAnnotations(plan, m.visibleAnnotations, cn, m, major, where);
      fromMappedAnnotations(plan, m.invisibleAnnotations, cn, m, major, where);
      if (byPattern) {
        fromPatterns(plan, cn, m, major, className, where);
      }
      if (mainClass && MainRewrite.isMain(m)) {
        plan.main = true;
      }
      if (mayDelegate && BootDelegationRewrite.targets(m)) {
        plan.bootDelegation = true;
      }
      if (!plan.isEmpty()) {
        plans.put(m.name + m.desc, plan);
      }
    }
    return plans;
  }

  /**
   * A loaded class cannot gain methods: spawned bodies and at_exit registration wait for a load.
   */
  private void dropWhatAddsMethods(ClassNode cn, Map<String, MethodPlan> plans) {
    for (MethodPlan plan : plans.values()) {
      String where = describe(cn.name, plan.name, plan.descriptor);
      String why =
          " was loaded before the agent attached, and this rewrite needs a new method; it applies to"
              + " classes loaded after the attach";
      if (plan.spawn != null) {
        warnings.warn("skipped @Spawn on " + where + ": its class" + why);
        plan.spawn = null;
      }
      if (plan.task != null && plan.task.stackSize() > 0) {
        warnings.warn("skipped @Task(stackSize) on " + where + ": its class" + why);
        plan.task = null;
      }
      if (plan.atExitName != null) {
        warnings.warn("skipped @AtExit on " + where + ": its class" + why);
        plan.atExitName = null;
      }
    }
    plans.values().removeIf(MethodPlan::isEmpty);
  }

  /** {@code annotations=}: a mapped annotation counts as its taskrt annotation, with defaults. */
  private void fromMappedAnnotations(
      MethodPlan plan,
      List<AnnotationNode> found,
      ClassNode cn,
      MethodNode m,
      int major,
      String where) {
    if (found == null || targets.annotations().isEmpty()) {
      return;
    }
    for (AnnotationNode a : found) {
      String kind = targets.annotations().kindOf(a.desc);
      if (kind != null) {
        fromAnnotation(
            plan, new AnnotationNode(ANNOTATION_PREFIX + kind + ";"), cn, m, major, where);
      }
    }
  }

  private void fromAnnotation(
      MethodPlan plan, AnnotationNode a, ClassNode cn, MethodNode m, int major, String where) {
    String kind = a.desc.substring(ANNOTATION_PREFIX.length(), a.desc.length() - 1);
    String label = "@" + kind;
    switch (kind) {
      case "Task":
        {
          MethodPlan.TaskOptions options = taskOptions(a, where, label);
          if (canRewriteBody(m, where, label, true)
              && (options.stackSize() == 0 || canMoveBody(major, where, label, true))) {
            plan.task = options;
          }
          break;
        }
      case "Spawn":
        {
          MethodPlan.TaskOptions options = taskOptions(a, where, label);
          if (canSpawn(m, major, where, label, true)) {
            plan.spawn = options;
            plan.spawnReturnKind = SpawnRewrite.returnKind(m.desc);
          }
          break;
        }
      case "Frame":
        if (canRewriteBody(m, where, label, true)) {
          plan.frame = true;
        }
        break;
      case "Foreign":
        if (canRewriteBody(m, where, label, true)) {
          plan.foreignHeadroom =
              size(value(a, "headroom", ""), ForeignRewrite.DEFAULT_HEADROOM, where, "headroom");
          long stackSize = size(value(a, "stackSize", ""), 0, where, "stackSize");
          if (stackSize > 0 && canMoveBody(major, where, label, true)) {
            plan.foreignStackSize = stackSize;
          }
        }
        break;
      case "Boundary":
        if (canRewriteBody(m, where, label, true)) {
          plan.boundary = true;
          plan.boundaryFallback = fallback(cn, m, value(a, "fallback", ""), where);
        }
        break;
      case "AtExit":
        if (canRegisterAtExit(m, major, where)) {
          String name = value(a, "value", "");
          plan.atExitName =
              name.isEmpty()
                  ? MethodInfo.simpleName(cn.name.replace('/', '.')) + "." + m.name
                  : name;
        }
        break;
      default:
        break;
    }
  }

  private void fromPatterns(
      MethodPlan plan, ClassNode cn, MethodNode m, int major, String className, String where) {
    boolean synthetic = (m.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0;
    Glob g = targets.match(OptionKey.SPAWN, className, m.name);
    if (g != null && plan.spawn == null && plan.task == null && wanted(g, synthetic)) {
      if (canSpawn(m, major, where, "spawn=", !g.hasWildcard())) {
        plan.spawn = MethodPlan.TaskOptions.DEFAULTS;
        plan.spawnReturnKind = SpawnRewrite.returnKind(m.desc);
      }
    }
    g = targets.match(OptionKey.TASKS, className, m.name);
    if (g != null && plan.spawn == null && plan.task == null && wanted(g, synthetic)) {
      if (canRewriteBody(m, where, "tasks=", !g.hasWildcard())) {
        plan.task = MethodPlan.TaskOptions.DEFAULTS;
      }
    }
    g = targets.match(OptionKey.FRAMES, className, m.name);
    if (g != null && !plan.frame && wanted(g, synthetic)) {
      plan.frame = canRewriteBody(m, where, "frames=", !g.hasWildcard());
    }
    g = targets.match(OptionKey.FOREIGN, className, m.name);
    if (g != null && plan.foreignHeadroom < 0 && wanted(g, synthetic)) {
      if (canRewriteBody(m, where, "foreign=", !g.hasWildcard())) {
        plan.foreignHeadroom = ForeignRewrite.DEFAULT_HEADROOM;
      }
    }
    g = targets.match(OptionKey.BOUNDARIES, className, m.name);
    if (g != null && !plan.boundary && wanted(g, synthetic)) {
      plan.boundary = canRewriteBody(m, where, "boundaries=", !g.hasWildcard());
    }
  }

  /** Bridges and synthetic methods are only taken when named without a wildcard. */
  private static boolean wanted(Glob g, boolean synthetic) {
    return !synthetic || !g.hasWildcard();
  }

  private boolean canRewriteBody(MethodNode m, String where, String label, boolean report) {
    String reason = null;
    if (m.name.equals("<init>")) {
      reason = "a constructor cannot be rewritten (it must begin with super(...) or this(...))";
    } else if (m.name.equals("<clinit>")) {
      reason = "a class initialiser cannot be rewritten";
    } else if ((m.access & Opcodes.ACC_ABSTRACT) != 0) {
      reason = "it is abstract: there is no body to rewrite";
    } else if ((m.access & Opcodes.ACC_NATIVE) != 0) {
      reason =
          "it is native: there is no bytecode body (put the annotation on the Java method that"
              + " calls it)";
    }
    if (reason != null && report) {
      warnings.warn("skipped " + label + " on " + where + ": " + reason);
    }
    return reason == null;
  }

  private boolean canMoveBody(int major, String where, String label, boolean report) {
    if (major >= MovedBody.MIN_MAJOR_VERSION) {
      return true;
    }
    if (report) {
      warnings.warn(
          "skipped "
              + label
              + " on "
              + where
              + ": its class file (version "
              + major
              + ") is older than Java 8, and running the body on another thread needs"
              + " invokedynamic");
    }
    return false;
  }

  private boolean canSpawn(MethodNode m, int major, String where, String label, boolean report) {
    if (!canRewriteBody(m, where, label, report) || !canMoveBody(major, where, label, report)) {
      return false;
    }
    if (SpawnRewrite.returnKind(m.desc) < 0) {
      if (report) {
        warnings.warn(
            "skipped "
                + label
                + " on "
                + where
                + ": it returns "
                + Type.getReturnType(m.desc).getClassName()
                + ", and a spawned method returns at once with void, Future, CompletableFuture or"
                + " TaskHandle");
      }
      return false;
    }
    return true;
  }

  private boolean canRegisterAtExit(MethodNode m, int major, String where) {
    String reason = null;
    if ((m.access & Opcodes.ACC_STATIC) == 0) {
      reason = "it is an instance method; @AtExit needs a static method with no parameters";
    } else if (Type.getArgumentTypes(m.desc).length > 0) {
      reason = "it takes parameters; @AtExit needs a static method with no parameters";
    } else if ((m.access & Opcodes.ACC_ABSTRACT) != 0) {
      reason = "it is abstract";
    } else if (major < ClinitHook.MIN_MAJOR_VERSION) {
      reason = "its class file (version " + major + ") is older than Java 5";
    }
    if (reason != null) {
      warnings.warn("skipped @AtExit on " + where + ": " + reason);
    }
    return reason == null;
  }

  private String fallback(ClassNode cn, MethodNode m, String name, String where) {
    if (name.isEmpty()) {
      return null;
    }
    for (MethodNode candidate : cn.methods) {
      if (candidate.name.equals(name)
          && candidate.desc.equals(m.desc)
          && Bytecode.isStatic(candidate) == Bytecode.isStatic(m)) {
        return name;
      }
    }
    warnings.warn(
        "@Boundary on "
            + where
            + " names fallback '"
            + name
            + "', but the class has no "
            + (Bytecode.isStatic(m) ? "static" : "instance")
            + " method of that name with the same parameters and return type; it will return"
            + " zero, false or null instead");
    return null;
  }

  private MethodPlan.TaskOptions taskOptions(AnnotationNode a, String where, String label) {
    String name = value(a, "name", "");
    SpawnMode mode = SpawnMode.LINKED;
    Object modeValue = rawValue(a, "mode");
    if (modeValue instanceof String[]) {
      try {
        mode = SpawnMode.valueOf(((String[]) modeValue)[1]);
      } catch (IllegalArgumentException e) {
        warnings.warn(label + " on " + where + ": unknown mode, using LINKED");
      }
    }
    long stackLimit = size(value(a, "stackLimit", ""), 0, where, "stackLimit");
    long stackSize = size(value(a, "stackSize", ""), 0, where, "stackSize");
    String scheduler = value(a, "scheduler", "");
    Object weak = rawValue(a, "weak");
    return new MethodPlan.TaskOptions(
        name, mode, stackLimit, stackSize, scheduler, Boolean.TRUE.equals(weak));
  }

  private long size(String text, long whenEmpty, String where, String what) {
    try {
      return Sizes.parse(text, whenEmpty);
    } catch (IllegalArgumentException e) {
      warnings.warn(
          what
              + "='"
              + text
              + "' on "
              + where
              + " is not a size (expected bytes with an optional k, m or g suffix, e.g. 512k);"
              + " using the default");
      return whenEmpty;
    }
  }

  private static Object rawValue(AnnotationNode a, String name) {
    if (a.values == null) {
      return null;
    }
    for (int i = 0; i + 1 < a.values.size(); i += 2) {
      if (name.equals(a.values.get(i))) {
        return a.values.get(i + 1);
      }
    }
    return null;
  }

  private static String value(AnnotationNode a, String name, String whenAbsent) {
    Object v = rawValue(a, name);
    return v instanceof String ? (String) v : whenAbsent;
  }

  /** {@code com.acme.Service.handle(int, String)} for messages. */
  static String describe(String owner, String name, String descriptor) {
    StringBuilder b =
        new StringBuilder(owner.replace('/', '.')).append('.').append(name).append('(');
    Type[] args = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(args[i].getClassName());
    }
    return b.append(')').toString();
  }
}
