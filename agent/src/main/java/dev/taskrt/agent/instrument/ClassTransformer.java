package dev.taskrt.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's class file transformer. For each class the JVM loads it first decides, from the class
 * name and a scan of the constant pool's bytes ({@link ClassScanner}), whether the class can hold a
 * target at all; most classes are passed over there, unparsed. The rest go to the {@link
 * ClassRewriter}. Fail-open: any exception while rewriting a class is reported once for that class
 * and the class loads unchanged.
 */
public final class TaskrtTransformer implements ClassFileTransformer {
  private final Targets targets;
  private final ClassRewriter rewriter;
  private final Warnings warnings;
  private final AtomicBoolean shutdownHooksRewritten = new AtomicBoolean();
  private final AtomicBoolean runtimeRewritten = new AtomicBoolean();

  /**
   * @param targets the patterns and main class
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   */
  public TaskrtTransformer(Targets targets, boolean mainAsRootTask, Warnings warnings) {
    this.targets = targets;
    this.rewriter = new ClassRewriter(targets, mainAsRootTask, warnings);
    this.warnings = warnings;
  }

  /** Whether {@code ApplicationShutdownHooks} has been rewritten (at load or retransformation). */
  public boolean shutdownHooksRewritten() {
    return shutdownHooksRewritten.get();
  }

  /** Whether {@code Runtime} has been rewritten. */
  public boolean runtimeRewritten() {
    return runtimeRewritten.get();
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
      if (loader == null) {
        return ExitPathRewrite.targets(className) ? rewriteExitPath(className, bytes) : null;
      }
      if (isPlatformOrAgentClass(className)) {
        return null;
      }
      int scan = ClassScanner.scan(bytes);
      boolean candidate =
          scan != 0
              || targets.isMainClass(className)
              || (!targets.annotations().isEmpty() && targets.annotations().mentionedIn(bytes))
              || (targets.hasPatterns()
                  && targets.anyPatternMatchesClass(className.replace('/', '.')));
      if (!candidate) {
        return null;
      }
      boolean mayDelegate = (scan & (ClassScanner.LOAD_CLASS | ClassScanner.UNREADABLE)) != 0;
      return rewriter.rewrite(className, bytes, mayDelegate, classBeingRedefined != null);
    } catch (Throwable e) {
      warnings.leftUnchanged(className, "rewriting it", e);
      return null;
    }
  }

  private byte[] rewriteExitPath(String className, byte[] bytes) {
    byte[] rewritten = rewriter.rewriteExitPath(className, bytes);
    if (rewritten == null) {
      warnings.warn(
          "this JDK's "
              + className.replace('/', '.')
              + " differs from the one taskrt knows; the kernel's shutdown falls back to a"
              + " shutdown hook");
      return null;
    }
    (className.equals(ExitPathRewrite.RUNTIME) ? runtimeRewritten : shutdownHooksRewritten)
        .set(true);
    return rewritten;
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
