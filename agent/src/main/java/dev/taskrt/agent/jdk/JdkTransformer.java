package dev.taskrt.agent.jdk;

import dev.taskrt.agent.asm.MethodPatcher;
import dev.taskrt.agent.config.Warnings;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The one transformer of the JDK's own classes: the exit paths ({@link ExitPathRewrite}), always,
 * and the hand-off points ({@link JdkHandoffRewrite}) under {@code propagate}. Only a named method
 * of each is parsed and rebuilt ({@code MethodPatcher}); the rest of the class is copied as it is.
 * Only bootstrap classes are looked at. Fail-open: a class it cannot rewrite is reported once and
 * loads unchanged.
 */
final class JdkTransformer implements ClassFileTransformer {
  private final boolean handoffs;
  private final Warnings warnings;
  private final AtomicBoolean shutdownHooksRewritten = new AtomicBoolean();
  private final AtomicBoolean runtimeRewritten = new AtomicBoolean();

  /**
   * @param handoffs rewrite the JDK's hand-off points ({@code propagate} is not {@code off})
   * @param warnings where problems go
   */
  JdkTransformer(boolean handoffs, Warnings warnings) {
    this.handoffs = handoffs;
    this.warnings = warnings;
  }

  /** Whether {@code ApplicationShutdownHooks} has been rewritten (at load or retransformation). */
  boolean shutdownHooksRewritten() {
    return shutdownHooksRewritten.get();
  }

  /** Whether {@code Runtime} has been rewritten. */
  boolean runtimeRewritten() {
    return runtimeRewritten.get();
  }

  /**
   * Loads, before the transformer is installed, the classes its quick check in {@link #transform}
   * touches for every class the JVM loads. A class the transformer first touches from inside {@code
   * transform} can be the class being loaded on that same thread, which fails with a circularity
   * error that the JVM keeps for good, and the rewriting would then silently never apply. The
   * rewriting itself loads the rest of ASM when it first runs (retransforming {@code Runtime} at
   * premain); classes loaded from inside {@code transform} go through the quick check only.
   */
  void loadWhatRewritingNeeds() {
    transform(null, null, "java/lang/Object", null, null, new byte[0]);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] bytes) {
    if (loader != null || className == null || bytes == null) {
      return null;
    }
    try {
      if (ExitPathRewrite.targets(className)) {
        return rewrite(className, bytes, true);
      }
      if (handoffs && JdkHandoffRewrite.CLASSES.contains(className)) {
        return rewrite(className, bytes, false);
      }
      return null;
    } catch (Throwable e) {
      // The JVM would drop the failure without a word and load the class unchanged.
      warnings.leftUnchanged(className, "rewriting it", e);
      return null;
    }
  }

  /** Patches the class's named method; null, after one warning, if this JDK's class differs. */
  private byte[] rewrite(String className, byte[] bytes, boolean exitPath) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    MethodPatcher patcher =
        exitPath ? ExitPathRewrite.patcher(writer) : JdkHandoffRewrite.patcher(writer);
    reader.accept(patcher, ClassReader.EXPAND_FRAMES);
    if (patcher.changed() == 0) {
      warnings.warn(
          "this JDK's "
              + className.replace('/', '.')
              + " differs from the one taskrt knows; "
              + (exitPath
                  ? "the kernel's shutdown falls back to a shutdown hook"
                  : "work handed to it does not carry the task"));
      return null;
    }
    if (exitPath) {
      (className.equals(ExitPathRewrite.RUNTIME) ? runtimeRewritten : shutdownHooksRewritten)
          .set(true);
    }
    return writer.toByteArray();
  }
}
