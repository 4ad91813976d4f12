package dev.taskrt.agent.legacy;

import dev.taskrt.agent.instrument.MethodPatcher;
import dev.taskrt.agent.instrument.Warnings;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

/**
 * The transformer of {@code propagate}: the JDK's hand-off points ({@link JdkHandoffRewrite}) and
 * the classes whose thread-locals follow tasks ({@link ContextClassHook}). Fail-open: a class it
 * cannot rewrite is reported once and loads unchanged.
 */
final class PropagationTransformer implements ClassFileTransformer {
  /** SLF4J's MDC, carried with no configuration. */
  static final String MDC = "org/slf4j/MDC";

  private final boolean jdkHandoffs;
  private final Set<String> contextClasses;
  private final Warnings warnings;

  /**
   * @param jdkHandoffs rewrite the JDK's hand-off points
   * @param contextClasses internal names of the classes named by {@code threadLocals=}
   * @param warnings where problems go
   */
  PropagationTransformer(boolean jdkHandoffs, Set<String> contextClasses, Warnings warnings) {
    this.jdkHandoffs = jdkHandoffs;
    this.contextClasses = contextClasses;
    this.warnings = warnings;
  }

  /**
   * Loads, before the transformer is installed, what it needs: the classes its quick check in
   * {@link #transform} touches for every class the JVM loads, and those of a thread-local hook
   * (applied to an empty class). A class the transformer first touches from inside {@code
   * transform} can be the class being loaded on that same thread, which fails with a circularity
   * error that the JVM keeps for good, and the rewriting would then silently never apply. The
   * rewriting of the JDK's hand-off classes loads the rest of ASM when it first runs
   * (retransforming {@code Thread} at premain); classes loaded from inside {@code transform} go
   * through the quick check only.
   */
  void loadWhatRewritingNeeds() {
    transform(null, null, "java/lang/Object", null, null, new byte[0]); // the quick check, once
    ClassNode empty = new ClassNode();
    empty.version = org.objectweb.asm.Opcodes.V1_8;
    empty.name = "dev/taskrt/agent/legacy/Empty";
    empty.superName = "java/lang/Object";
    ContextClassHook.apply(empty);
    empty.accept(new ClassWriter(ClassWriter.COMPUTE_MAXS));
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
      boolean jdk = loader == null && jdkHandoffs && JdkHandoffRewrite.CLASSES.contains(className);
      boolean context =
          classBeingRedefined == null
              && (className.equals(MDC) || contextClasses.contains(className));
      if (!jdk && !context) {
        return null;
      }
      return rewrite(className, bytes, jdk);
    } catch (Throwable e) {
      // The JVM would drop the failure without a word and load the class unchanged.
      warnings.leftUnchanged(className, "the propagate transformer", e);
      return null;
    }
  }

  private byte[] rewrite(String className, byte[] bytes, boolean jdk) {
    try {
      ClassReader reader = new ClassReader(bytes);
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      boolean changed;
      if (jdk) {
        // Only the hand-off methods are parsed and rebuilt; the rest is copied as it is.
        MethodPatcher patcher = JdkHandoffRewrite.patcher(writer);
        reader.accept(patcher, ClassReader.EXPAND_FRAMES);
        changed = patcher.changed() > 0;
      } else {
        ClassNode node = new ClassNode();
        reader.accept(node, ClassReader.EXPAND_FRAMES);
        changed = ContextClassHook.apply(node);
        if (changed) {
          node.accept(writer);
        }
      }
      if (!changed) {
        warnings.warn(
            jdk
                ? "this JDK's "
                    + className.replace('/', '.')
                    + " differs from the one taskrt knows; work handed to it does not carry the"
                    + " task"
                : "cannot hook "
                    + className.replace('/', '.')
                    + "; its context does not follow tasks");
        return null;
      }
      return writer.toByteArray();
    } catch (Throwable e) {
      warnings.leftUnchanged(className, "rewriting it for propagate", e);
      return null;
    }
  }
}
