package dev.taskrt.agent.instrument;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code @AtExit}: the class initialiser (made if the class has none) first registers the static
 * method as an at_exit handler, through {@code Instrumented.registerAtExit}.
 */
final class AtExitRewrite {
  /** {@code ldc} of a class constant needs class files of version 49 (Java 5) or later. */
  static final int MIN_MAJOR_VERSION = 49;

  private AtExitRewrite() {}

  static void apply(ClassNode owner, String methodName, String handlerName) {
    MethodNode clinit = null;
    for (MethodNode m : owner.methods) {
      if (m.name.equals("<clinit>")) {
        clinit = m;
      }
    }
    if (clinit == null) {
      clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      clinit.instructions.add(new InsnNode(Opcodes.RETURN));
      owner.methods.add(clinit);
    }
    InsnList code = new InsnList();
    code.add(new LdcInsnNode(Type.getObjectType(owner.name)));
    code.add(new LdcInsnNode(methodName));
    code.add(new LdcInsnNode(handlerName));
    code.add(
        Bytecode.callInstrumented(
            "registerAtExit", "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)V"));
    clinit.instructions.insert(code);
  }
}
