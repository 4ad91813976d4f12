package dev.taskrt.agent.instrument;

import dev.taskrt.SpawnMode;
import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.ClinitHook;
import dev.taskrt.agent.asm.MovedBody;
import dev.taskrt.agent.config.MethodPattern;
import dev.taskrt.agent.config.OptionKey;
import dev.taskrt.agent.config.PatternOptions;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.internal.MethodInfo;
import dev.taskrt.internal.Sizes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Options in braces after a pattern or a mapping ({@link PatternOptions}) become the elements of
 * a taskrt annotation, read exactly as a real annotation's would be. When a method has its own
 * taskrt (or mapped) annotation and a pattern names it too, the annotation wins: the pattern of the
 * same kind, and its options, do not apply (they are not merged); {@code verbose=true} says so. A
 * pattern of another kind still applies ({@code @Task} and {@code frames=} give both).
 *
 * <p>Every decision goes to the {@link PlanLog}: what a method becomes and who asked, or why a
 * candidate is left alone. A new reason to leave a method alone is one more {@link #skip} call with
 * its reason string.
 */
final class ClassPlanner {
  private static final String ANNOTATION_PREFIX = "Ldev/taskrt/";

  /** The options whose patterns name methods, in the order a method's plan takes them. */
  private static final List<OptionKey> PATTERN_KEYS =
      List.of(
          OptionKey.SPAWN,
          OptionKey.TASKS,
          OptionKey.FRAMES,
          OptionKey.FOREIGN,
          OptionKey.BOUNDARIES);

  private final Targets targets;
  private final boolean mainAsRootTask;
  private final Warnings warnings;
  private final PlanLog log;

  /**
   * What planning a method a pattern matches needs from it: its label for messages and the
   * annotation it stands for (only read).
   */
  private record Made(
      OptionKey key, MethodPattern pattern, String label, AnnotationNode annotation) {}

  /**
   * Per option and pattern (two options may hold the same pattern text), its {@link Made}: made
   * once, not for each method of each class it covers.
   */
  private final Map<OptionKey, Map<MethodPattern, Made>> made = perPatternKey();

  /**
   * The last {@link Made} used, checked by identity first: nearly every method a pattern covers is
   * planned with the same pattern as the one before, and a pattern's hash is a deep one.
   */
  private volatile Made last;

  /** {@code key}'s pattern {@code p}'s {@link Made}; made on first use, then only read. */
  private Made madeOf(OptionKey key, MethodPattern p) {
    Made m = last;
    if (m == null || m.key() != key || m.pattern() != p) {
      m =
          made.get(key)
              .computeIfAbsent(
                  p,
                  q ->
                      new Made(
                          key,
                          q,
                          key.key() + "=" + q.text() + q.options(),
                          asAnnotation(key.annotationKind(), q.options())));
      last = m;
    }
    return m;
  }

  private static <V> Map<OptionKey, Map<MethodPattern, V>> perPatternKey() {
    Map<OptionKey, Map<MethodPattern, V>> byKey = new EnumMap<>(OptionKey.class);
    for (OptionKey key : PATTERN_KEYS) {
      byKey.put(key, new ConcurrentHashMap<>());
    }
    return byKey;
  }

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where targets that cannot apply are reported
   */
  ClassPlanner(Targets targets, boolean mainAsRootTask, Warnings warnings) {
    this(targets, mainAsRootTask, warnings, PlanLog.QUIET);
  }

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where targets that cannot apply are reported
   * @param log where every decision is told ({@code verbose=true}, {@code check})
   */
  ClassPlanner(Targets targets, boolean mainAsRootTask, Warnings warnings, PlanLog log) {
    this.targets = targets;
    this.mainAsRootTask = mainAsRootTask;
    this.warnings = warnings;
    this.log = log;
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
    if (log != PlanLog.QUIET) {
      for (MethodPlan plan : methods.values()) {
        tellRewrites(survey.name, plan);
      }
    }
    return new ClassPlan(methods, contextHook);
  }

  /**
   * Frames every method of the class that overrides a method key a method left without a frame
   * counts on ({@link PromiseBook}), unless its plan already makes it base-safe: a frame as a
   * wildcard's, which the first two rules may still leave out. Such a method may be outside every
   * pattern, or a bridge a wildcard passes over.
   */
  void framePromised(ClassNode survey, Map<String, MethodPlan> plans, PromiseBook book) {
    for (String key : book.promisedAmong(survey)) {
      MethodPlan plan = plans.get(key);
      if (plan == null) {
        int split = key.indexOf('(');
        plan = new MethodPlan(key.substring(0, split), key.substring(split));
        plans.put(key, plan);
      }
      if (!plan.frame) {
        plan.frame = true;
        plan.frameByWildcard = true;
        plan.askedBy.put("frame", PROMISED_OVERRIDE);
      }
    }
  }

  /**
   * Who asked for the frame of an override a promise covers, for {@code verbose} and {@code check}.
   */
  static final String PROMISED_OVERRIDE =
      "an override of a method that methods left without a frame count on";

  private void tellRewrites(String owner, MethodPlan plan) {
    String where = describe(owner, plan.name, plan.descriptor);
    if (plan.task != null) {
      log.rewrite(where, "task" + plan.task.describe(), plan.askedBy.get("task"));
    }
    if (plan.spawn != null) {
      log.rewrite(where, "spawn" + plan.spawn.describe(), plan.askedBy.get("spawn"));
    }
    if (plan.frame && !plan.frameByWildcard) {
      log.rewrite(where, "frame", plan.askedBy.get("frame"));
    }
    if (plan.foreignHeadroom >= 0) {
      log.rewrite(
          where,
          "foreign{headroom="
              + plan.foreignHeadroom
              + (plan.foreignStackSize > 0 ? ",stackSize=" + plan.foreignStackSize : "")
              + "}",
          plan.askedBy.get("foreign"));
    }
    if (plan.boundary) {
      log.rewrite(
          where,
          "boundary"
              + (plan.boundaryFallback == null ? "" : "{fallback=" + plan.boundaryFallback + "}"),
          plan.askedBy.get("boundary"));
    }
    if (plan.atExitName != null) {
      log.rewrite(where, "at_exit handler '" + plan.atExitName + "'", "@AtExit");
    }
    if (plan.main) {
      log.rewrite(where, "root task main", "main=on");
    }
  }

  /**
   * Tells the frames a wildcard asked for, once {@link FrameWorth#leaveOut} has decided which of
   * them the class's code needs: each is rewritten into a frame, or left without one and why.
   */
  void tellWildcardFrames(String owner, Map<String, MethodPlan> plans) {
    if (log == PlanLog.QUIET) {
      return;
    }
    for (MethodPlan plan : plans.values()) {
      if (!plan.frameByWildcard) {
        continue;
      }
      String where = describe(owner, plan.name, plan.descriptor);
      if (plan.frameAtCall != null) {
        log.rewrite(
            where,
            OneCallFrames.DESCRIPTION
                + " ("
                + plan.frameAtCall.owner.replace('/', '.')
                + "."
                + plan.frameAtCall.name
                + ")",
            plan.askedBy.get("frame"));
      } else if (plan.frame) {
        log.rewrite(where, "frame", plan.askedBy.get("frame"));
      } else if (plan.frameLeftOut != null) {
        log.skip(where, plan.askedBy.get("frame"), "no frame needed: " + plan.frameLeftOut);
      }
    }
  }

  /**
   * Leaves a candidate alone: a warning when it was named without a wildcard ({@code report}), else
   * a line for {@code verbose=true}. Every reason to skip goes through here.
   */
  private void skip(String label, Where where, String reason, boolean report) {
    if (report) {
      warnings.warn("skipped " + label + " on " + where + ": " + reason);
    } else if (log != PlanLog.QUIET) {
      log.skip(where.toString(), label, reason);
    }
  }

  private Map<String, MethodPlan> planMethods(ClassNode cn, boolean mayDelegate) {
    String className = cn.name.replace('/', '.');
    int major = cn.version & 0xFFFF;
    Targets.ForClass patterns =
        targets.anyPatternMatchesClass(className) ? targets.forClass(className) : null;
    boolean mainClass = mainAsRootTask && targets.isMainClass(cn.name);
    Map<String, MethodPlan> plans = new LinkedHashMap<>();
    for (MethodNode m : cn.methods) {
      MethodPlan plan = new MethodPlan(m.name, m.desc);
      Where where = new Where(cn.name, m.name, m.desc);
      if (m.visibleAnnotations != null) {
        for (AnnotationNode a : m.visibleAnnotations) {
          if (a.desc.startsWith(ANNOTATION_PREFIX)) {
            fromAnnotation(plan, a, cn, m, major, where, null);
          }
        }
      }
      fromMappedAnnotations(plan, m.visibleAnnotations, cn, m, major, where);
      fromMappedAnnotations(plan, m.invisibleAnnotations, cn, m, major, where);
      if (patterns != null) {
        fromPatterns(plan, cn, m, major, patterns, where);
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
      Where where) {
    if (found == null || targets.annotations().isEmpty()) {
      return;
    }
    for (AnnotationNode a : found) {
      String kind = targets.annotations().kindOf(a.desc);
      if (kind != null) {
        PatternOptions options = targets.annotations().optionsOf(a.desc);
        String askedBy =
            "annotations="
                + a.desc.substring(1, a.desc.length() - 1).replace('/', '.')
                + "="
                + kind
                + options;
        fromAnnotation(plan, asAnnotation(kind, options), cn, m, major, where, askedBy);
      }
    }
  }

  /**
   * The taskrt annotation {@code kind} with the elements of {@code options}, as the class file
   * would hold it: {@code mode} an enum constant, {@code weak} a boolean, the others strings.
   */
  static AnnotationNode asAnnotation(String kind, PatternOptions options) {
    AnnotationNode a = new AnnotationNode(ANNOTATION_PREFIX + kind + ";");
    if (!options.isEmpty()) {
      a.values = new ArrayList<>();
      options
          .values()
          .forEach(
              (k, v) -> {
                a.values.add(k);
                if (k.equals("mode")) {
                  a.values.add(new String[] {Type.getDescriptor(SpawnMode.class), v});
                } else if (k.equals("weak")) {
                  a.values.add(Boolean.valueOf(v));
                } else {
                  a.values.add(v);
                }
              });
    }
    return a;
  }

  /**
   * Plans what a taskrt annotation asks of the method.
   *
   * @param askedBy who asked, for the log: null for the annotation itself, else the mapping or
   *     pattern that stands for it
   */
  private void fromAnnotation(
      MethodPlan plan,
      AnnotationNode a,
      ClassNode cn,
      MethodNode m,
      int major,
      Where where,
      String askedBy) {
    String kind = a.desc.substring(ANNOTATION_PREFIX.length(), a.desc.length() - 1);
    String label = "@" + kind;
    String asker = askedBy == null ? "@" + kind : askedBy;
    switch (kind) {
      case "Task":
        {
          MethodPlan.TaskOptions options = taskOptions(a, where, label);
          if (canRewriteBody(m, where, label, true)
              && (options.stackSize() == 0 || canMoveBody(major, where, label, true))) {
            plan.task = options;
            plan.askedBy.put("task", asker);
          }
          break;
        }
      case "Spawn":
        {
          MethodPlan.TaskOptions options = taskOptions(a, where, label);
          if (canSpawn(m, major, where, label, true)) {
            plan.spawn = options;
            plan.spawnReturnKind = SpawnRewrite.returnKind(m.desc);
            plan.askedBy.put("spawn", asker);
          }
          break;
        }
      case "Frame":
        if (canRewriteBody(m, where, label, true)) {
          plan.frame = true;
          plan.askedBy.put("frame", asker);
        }
        break;
      case "Foreign":
        if (canRewriteBody(m, where, label, true)) {
          plan.foreignHeadroom =
              size(value(a, "headroom", ""), ForeignRewrite.DEFAULT_HEADROOM, where, "headroom");
          plan.askedBy.put("foreign", asker);
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
          plan.askedBy.put("boundary", asker);
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
      MethodPlan plan,
      ClassNode cn,
      MethodNode m,
      int major,
      Targets.ForClass patterns,
      Where where) {
    boolean synthetic = (m.access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0;
    for (OptionKey key : PATTERN_KEYS) {
      MethodPattern p = patterns.pattern(key, m.name);
      if (p == null || !wanted(p, m.name, synthetic)) {
        continue;
      }
      Made pm = madeOf(key, p);
      String label = pm.label();
      String taken = alreadyTaken(plan, key);
      if (taken != null) {
        if (log != PlanLog.QUIET) {
          log.skip(where.toString(), label, taken);
        }
        continue;
      }
      boolean report = !p.methodMatch(m.name).hasWildcard();
      AnnotationNode a = pm.annotation();
      switch (key) {
        case SPAWN:
          if (canSpawn(m, major, where, label, report)) {
            plan.spawn = taskOptions(a, where, label);
            plan.spawnReturnKind = SpawnRewrite.returnKind(m.desc);
            plan.askedBy.put("spawn", label);
          }
          break;
        case TASKS:
          {
            MethodPlan.TaskOptions options = taskOptions(a, where, label);
            if (canRewriteBody(m, where, label, report)
                && (options.stackSize() == 0 || canMoveBody(major, where, label, report))) {
              plan.task = options;
              plan.askedBy.put("task", label);
            }
            break;
          }
        default:
          if (canRewriteBody(m, where, label, report)) {
            fromAnnotation(plan, a, cn, m, major, where, label);
            if (key == OptionKey.FRAMES && plan.frame) {
              // Only a wildcard's frame may be left out where it cannot matter (FrameWorth).
              plan.frameByWildcard = !report && !patterns.framesNameExactly(m.name);
            }
          }
          break;
      }
    }
  }

  /**
   * Why a pattern of {@code key} does not apply because the method already has that kind of target
   * (its own annotation wins, options are not merged), or null when it may apply.
   */
  private static String alreadyTaken(MethodPlan plan, OptionKey key) {
    String by;
    switch (key) {
      case SPAWN:
      case TASKS:
        by = plan.spawn != null ? plan.askedBy.get("spawn") : plan.askedBy.get("task");
        if (plan.spawn == null && plan.task == null) {
          return null;
        }
        break;
      case FRAMES:
        by = plan.frame ? plan.askedBy.get("frame") : null;
        break;
      case FOREIGN:
        by = plan.foreignHeadroom >= 0 ? plan.askedBy.get("foreign") : null;
        break;
      default:
        by = plan.boundary ? plan.askedBy.get("boundary") : null;
        break;
    }
    return by == null
        ? null
        : "already " + by + ", which wins; the pattern and its options do not apply";
  }

  /** Bridges and synthetic methods are only taken when named without a wildcard. */
  private static boolean wanted(MethodPattern p, String methodName, boolean synthetic) {
    return !synthetic || !p.methodMatch(methodName).hasWildcard();
  }

  private boolean canRewriteBody(MethodNode m, Where where, String label, boolean report) {
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
    if (reason != null) {
      skip(label, where, reason, report);
    }
    return reason == null;
  }

  private boolean canMoveBody(int major, Where where, String label, boolean report) {
    if (major >= MovedBody.MIN_MAJOR_VERSION) {
      return true;
    }
    skip(
        label,
        where,
        "its class file (version "
            + major
            + ") is older than Java 8, and running the body on another thread needs"
            + " invokedynamic",
        report);
    return false;
  }

  private boolean canSpawn(MethodNode m, int major, Where where, String label, boolean report) {
    if (!canRewriteBody(m, where, label, report) || !canMoveBody(major, where, label, report)) {
      return false;
    }
    if (SpawnRewrite.returnKind(m.desc) < 0) {
      skip(
          label,
          where,
          "it returns "
              + Type.getReturnType(m.desc).getClassName()
              + ", and a spawned method returns at once with void, Future, CompletableFuture or"
              + " TaskHandle",
          report);
      return false;
    }
    return true;
  }

  private boolean canRegisterAtExit(MethodNode m, int major, Where where) {
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
      skip("@AtExit", where, reason, true);
    }
    return reason == null;
  }

  private String fallback(ClassNode cn, MethodNode m, String name, Where where) {
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

  private MethodPlan.TaskOptions taskOptions(AnnotationNode a, Where where, String label) {
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

  private long size(String text, long whenEmpty, Where where, String what) {
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

  /**
   * A method's name for messages, {@link #describe described} only when a message is made: under a
   * wildcard the planner sees every method of a library as it loads, and tells about few of them.
   */
  static final class Where {
    private final String owner;
    private final String name;
    private final String descriptor;
    private String text;

    Where(String owner, String name, String descriptor) {
      this.owner = owner;
      this.name = name;
      this.descriptor = descriptor;
    }

    @Override
    public String toString() {
      if (text == null) {
        text = describe(owner, name, descriptor);
      }
      return text;
    }
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
