package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.Warnings;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The transformer of application classes (the JDK's own classes are the {@code jdk} package's). For
 * each class the JVM loads it first decides, from the loader, the class name and a scan of the
 * constant pool's bytes ({@link ClassScanner}), whether the class can hold a target at all; most
 * classes are passed over there, unparsed. The rest go to the {@link ClassRewriter}. Fail-open: any
 * exception while rewriting a class is reported once for that class and the class loads unchanged.
 *
 * <p>One agent class is rewritten like an application class: the self-test's probe, so that the
 * agent can check after start that a rewrite really takes.
 */
public final class ClassTransformer implements ClassFileTransformer {
  private final Targets targets;
  private final ClassRewriter rewriter;
  private final Warnings warnings;
  private final String probeClass;

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   * @param probeClass the internal name of the self-test's probe class, or null
   */
  public ClassTransformer(
      Targets targets, boolean mainAsRootTask, Warnings warnings, String probeClass) {
    this(targets, mainAsRootTask, warnings, probeClass, PlanLog.QUIET);
  }

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   * @param probeClass the internal name of the self-test's probe class, or null
   * @param log where each decision is told ({@code verbose=true})
   */
  public ClassTransformer(
      Targets targets, boolean mainAsRootTask, Warnings warnings, String probeClass, PlanLog log) {
    this.targets = targets;
    this.rewriter = new ClassRewriter(targets, mainAsRootTask, warnings, log);
    this.warnings = warnings;
    this.probeClass = probeClass;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] bytes) {
    if (className == null || bytes == null) {
      return null;
    }
    try {
      if (loader == null && OutOfLineEntryPoints.marks(className)) {
        return OutOfLineEntryPoints.mark(bytes);
      }
      if (loader == null || isPlatformOrAgentClass(className)) {
        return className.equals(probeClass)
            ? rewrite(className, bytes, ClassScanner.scan(bytes), false)
            : null;
      }
      int scan = ClassScanner.scan(bytes);
      boolean candidate =
          scan != 0
              || targets.isMainClass(className)
              || targets.isContextClass(className)
              || (!targets.annotations().isEmpty() && targets.annotations().mentionedIn(bytes))
              || (targets.hasPatterns()
                  && targets.anyPatternMatchesClass(className.replace('/', '.')));
      return candidate ? rewrite(className, bytes, scan, classBeingRedefined != null) : null;
    } catch (Throwable e) {
      warnings.leftUnchanged(className, "rewriting it", e);
      return null;
    }
  }

  private byte[] rewrite(String className, byte[] bytes, int scan, boolean retransforming) {
    boolean mayDelegate = (scan & (ClassScanner.LOAD_CLASS | ClassScanner.UNREADABLE)) != 0;
    return rewriter.rewrite(className, bytes, mayDelegate, retransforming);
  }

  /** JDK classes, the runtime and the agent, and generated accessors are never rewritten. */
  public static boolean isPlatformOrAgentClass(String name) {
    return name.startsWith("java/")
        || name.startsWith("javax/")
        || name.startsWith("jdk/")
        || name.startsWith("sun/")
        || name.startsWith("com/sun/")
        || isRuntimeOrAgentClass(name)
        || name.contains("$$Lambda");
  }

  /**
   * The runtime ({@code dev.taskrt} and {@code dev.taskrt.internal...}) and the agent itself; other
   * {@code dev.taskrt} packages (samples, benchmarks) are application code like any other.
   */
  private static boolean isRuntimeOrAgentClass(String name) {
    if (!name.startsWith("dev/taskrt/")) {
      return false;
    }
    return name.indexOf('/', "dev/taskrt/".length()) < 0
        || name.startsWith("dev/taskrt/internal/")
        || name.startsWith("dev/taskrt/agent/");
  }
}
