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
 * the hand-off points ({@link JdkHandoffRewrite}) under {@code propagate}, and the public
 * hidden-class API ({@link HiddenClassRewrite}) when asked. Only a named method of each is parsed
 * and rebuilt ({@code MethodPatcher}); the rest of the class is copied as it is. Only bootstrap
 * classes are looked at. Fail-open: a class it cannot rewrite is reported once and loads unchanged.
 */
final class JdkTransformer implements ClassFileTransformer {
  private final boolean handoffs;
  private final boolean hiddenClasses;
  private final Warnings warnings;
  private final AtomicBoolean shutdownHooksRewritten = new AtomicBoolean();
  private final AtomicBoolean runtimeRewritten = new AtomicBoolean();
  private final AtomicBoolean hiddenClassesRewritten = new AtomicBoolean();

  /**
   * @param handoffs rewrite the JDK's hand-off points ({@code propagate} is not {@code off})
   * @param hiddenClasses rewrite {@code MethodHandles.Lookup}'s public hidden-class methods
   * @param warnings where problems go
   */
  JdkTransformer(boolean handoffs, boolean hiddenClasses, Warnings warnings) {
    this.handoffs = handoffs;
    this.hiddenClasses = hiddenClasses;
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

  /** Whether both hidden-class methods of {@code MethodHandles.Lookup} have been rewritten. */
  boolean hiddenClassesRewritten() {
    return hiddenClassesRewritten.get();
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
      if (hiddenClasses && HiddenClassRewrite.LOOKUP.equals(className)) {
        return rewriteLookup(bytes);
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

  /** Patches both hidden-class methods, or, after one warning if this JDK's class differs, none. */
  private byte[] rewriteLookup(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    MethodPatcher patcher = HiddenClassRewrite.patcher(writer);
    reader.accept(patcher, ClassReader.EXPAND_FRAMES);
    if (patcher.changed() != HiddenClassRewrite.METHODS) {
      warnings.warn(
          "this JDK's java.lang.invoke.MethodHandles$Lookup differs from the one taskrt knows;"
              + " taskrt does not see the hidden classes it defines, so the promise that lets"
              + " taskrt leave more methods without a frame is off");
      return null;
    }
    hiddenClassesRewritten.set(true);
    return writer.toByteArray();
  }
}
