package dev.taskrt.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Marks the runtime's wildcard entry points ({@code WildcardFrames} and {@code
 * WildcardFrameHandler}) not to be inlined by the JIT, as the bootstrap loader loads each class:
 * each static method gets the JDK's own {@code DontInline} annotation, which the JVM honours only
 * on classes of the bootstrap and platform loaders (the runtime is bootstrap-loaded, see {@code
 * AgentStart}). Nothing else changes. Where the class is loaded some other way the mark is not
 * honoured and the frames are merely inlined, as an explicit {@code @Frame}'s are.
 */
final class OutOfLineEntryPoints {
  /** The class of a wildcard frame's entry and exit calls. */
  static final String FRAMES = "dev/taskrt/internal/entry/WildcardFrames";

  /** The class of a wildcard frame's handler call, loaded only when first needed. */
  static final String HANDLER = "dev/taskrt/internal/entry/WildcardFrameHandler";

  /** The JDK's annotation, by descriptor; no class of it is loaded. */
  static final String DONT_INLINE = "Ljdk/internal/vm/annotation/DontInline;";

  private OutOfLineEntryPoints() {}

  /** Whether the bootstrap loader's class {@code className} is one whose methods are marked. */
  static boolean marks(String className) {
    return className.equals(FRAMES) || className.equals(HANDLER);
  }

  /** The class file with every static method except the initialiser marked {@code DontInline}. */
  static byte[] mark(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer =
        new ClassWriter(0); // not sharing the reader: that would copy methods as they were
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            if ((access & Opcodes.ACC_STATIC) != 0 && !name.equals("<clinit>")) {
              mv.visitAnnotation(DONT_INLINE, true).visitEnd();
            }
            return mv;
          }
        },
        0);
    return writer.toByteArray();
  }
}
