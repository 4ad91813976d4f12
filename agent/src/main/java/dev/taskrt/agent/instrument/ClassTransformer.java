package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.Warnings;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;

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
  private final boolean watching;

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
    this(targets, mainAsRootTask, warnings, probeClass, log, null);
  }

  /**
   * @param targets the patterns, annotations, main class and context classes
   * @param mainAsRootTask {@code main=on}
   * @param warnings where problems are reported
   * @param probeClass the internal name of the self-test's probe class, or null
   * @param log where each decision is told ({@code verbose=true})
   * @param promises what the fourth rule of {@code FrameWorth} promised, or null to leave it off
   */
  public ClassTransformer(
      Targets targets,
      boolean mainAsRootTask,
      Warnings warnings,
      String probeClass,
      PlanLog log,
      Promises promises) {
    this.targets = targets;
    this.rewriter =
        new ClassRewriter(
            targets, mainAsRootTask, warnings, log, promises == null ? null : promises.book);
    this.warnings = warnings;
    this.probeClass = probeClass;
    this.watching = promises != null;
  }

  /**
   * The fourth rule's record of promises ({@code PromiseBook}), made by the agent at premain when a
   * wildcard {@code frames=} pattern is given; it starts promising once every way a class can be
   * defined is watched.
   */
  public static final class Promises {
    private final PromiseBook book = new PromiseBook();

    /** Records a class loaded before the agent started: no call resolves through it. */
    public void loadedBefore(String internalName) {
      synchronized (book.lock()) {
        book.recordLoadedBefore(internalName, null);
      }
    }

    /** Records a method (name and descriptor) of a class loaded before the agent started. */
    public void loadedBefore(String internalName, String nameAndDescriptor) {
      synchronized (book.lock()) {
        book.recordLoadedBefore(internalName, nameAndDescriptor);
      }
    }

    /** From now on the fourth rule may leave methods out. */
    public void startPromising() {
      book.startPromising();
    }
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
        if (loader == null
            && watching
            && !isPlatformOrAgentClass(className)
            && targets.framesWildcardCovers(className)) {
          rewriter.recordLeftAsItIs(bytes); // a class a pattern covers, on the boot class path
          return null;
        }
        if (className.equals(probeClass)) {
          return rewrite(className, bytes, ClassScanner.scan(bytes), false, loader);
        }
        // a class in a JDK package name, defined by an application's loader, may still override
        return loader != null
                && watching
                && !className.startsWith("java/")
                && !isRuntimeOrAgentClass(className)
            ? rewriter.watch(className, bytes, classBeingRedefined != null, loader)
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
      if (candidate) {
        return rewrite(className, bytes, scan, classBeingRedefined != null, loader);
      }
      return watching
          ? rewriter.watch(className, bytes, classBeingRedefined != null, loader)
          : null;
    } catch (Throwable e) {
      warnings.leftUnchanged(className, "rewriting it", e);
      return null;
    }
  }

  /**
   * A hidden class's bytes, as the hidden-class hook passes them: rewritten as a class of the
   * lookup class's loader would be, or null to define them as they are. Only a class that may
   * override a method of a class a pattern covers is looked at further (the fourth rule's promise
   * is all the hook is for); every other one, such as each lambda's class on JDK 17, is passed over
   * after its header is read.
   */
  public byte[] transformHidden(Class<?> lookupClass, byte[] bytes) {
    ClassReader header;
    try {
      header = new ClassReader(bytes);
    } catch (RuntimeException e) {
      return null; // not a class file the JVM would define either
    }
    ClassLoader loader = lookupClass.getClassLoader();
    if (!watching
        || loader == null
        || !ClassRewriter.mayOverride(header.getAccess(), header.getSuperName())) {
      return null;
    }
    return transform(
        lookupClass.getModule(),
        loader,
        header.getClassName(),
        null,
        null, // unused by the rewrite; reading it may need a permission the caller lacks
        bytes);
  }

  private byte[] rewrite(
      String className, byte[] bytes, int scan, boolean retransforming, ClassLoader loader) {
    boolean mayDelegate = (scan & (ClassScanner.LOAD_CLASS | ClassScanner.UNREADABLE)) != 0;
    return rewriter.rewrite(className, bytes, mayDelegate, retransforming, loader);
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
