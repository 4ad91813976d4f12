package dev.taskrt.agent.legacy;

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
   * Rewrites a copy of {@code Thread} and an empty class once, before the transformer is installed,
   * so every class the rewriting needs is loaded: loading one of them from inside the transformer
   * would fail with a circularity error that the JVM then keeps for good.
   */
  void loadWhatRewritingNeeds() throws java.io.IOException {
    try (java.io.InputStream in = Object.class.getResourceAsStream("/java/lang/Thread.class")) {
      if (in != null) {
        rewrite("java/lang/Thread", in.readAllBytes(), true);
      }
    }
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
    boolean jdk = loader == null && jdkHandoffs && JdkHandoffRewrite.CLASSES.contains(className);
    boolean context =
        classBeingRedefined == null
            && (className.equals(MDC) || contextClasses.contains(className));
    if (!jdk && !context) {
      return null;
    }
    return rewrite(className, bytes, jdk);
  }

  private byte[] rewrite(String className, byte[] bytes, boolean jdk) {
    try {
      ClassReader reader = new ClassReader(bytes);
      ClassNode node = new ClassNode();
      reader.accept(node, ClassReader.EXPAND_FRAMES);
      boolean changed = jdk ? JdkHandoffRewrite.apply(node) > 0 : ContextClassHook.apply(node);
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
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      node.accept(writer);
      return writer.toByteArray();
    } catch (Throwable e) {
      warnings.warn(
          "left class "
              + className.replace('/', '.')
              + " unchanged: rewriting it for propagate failed with "
              + e);
      return null;
    }
  }
}
