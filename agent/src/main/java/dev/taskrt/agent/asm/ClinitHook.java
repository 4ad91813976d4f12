package dev.taskrt.agent.legacy;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Makes a class whose thread-local context follows tasks (a class named by {@code threadLocals=},
 * SLF4J's {@code MDC}) tell the runtime when its static initialiser has run: {@code
 * HandoffHooks.classInitialised(ThisClass.class)} before each return of {@code <clinit>} (a {@code
 * <clinit>} is added when there is none). The runtime then reads the fields once.
 */
final class ContextClassHook {
  private ContextClassHook() {}

  /** False when the class file is too old for a class constant (before Java 5). */
  static boolean apply(ClassNode owner) {
    if ((owner.version & 0xFFFF) < Opcodes.V1_5 || (owner.access & Opcodes.ACC_INTERFACE) != 0) {
      return false;
    }
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
    for (AbstractInsnNode n = clinit.instructions.getFirst(); n != null; n = n.getNext()) {
      if (n.getOpcode() == Opcodes.RETURN) {
        InsnList call = new InsnList();
        call.add(new LdcInsnNode(Type.getObjectType(owner.name)));
        call.add(
            new MethodInsnNode(
                Opcodes.INVOKESTATIC,
                JdkHandoffRewrite.HOOKS,
                "classInitialised",
                "(Ljava/lang/Class;)V",
                false));
        clinit.instructions.insertBefore(n, call);
      }
    }
    return true;
  }
}
