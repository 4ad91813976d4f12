package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * An application class loader's {@code loadClass(String)} and {@code loadClass(String, boolean)}
 * first ask the bootstrap loader for taskrt's own classes ({@link
 * dev.taskrt.internal.entry.LoaderHooks}), so a child-first loader that carries its own copy of
 * runtime-api still uses the one kernel of the JVM (DESIGN §1, §6). Every other name goes on
 * through the loader's own code unchanged.
 */
final class BootDelegationRewrite {
  private BootDelegationRewrite() {}

  /** Whether the method is an instance {@code loadClass} with a body. */
  static boolean targets(MethodNode m) {
    return m.name.equals("loadClass")
        && (m.desc.equals("(Ljava/lang/String;)Ljava/lang/Class;")
            || m.desc.equals("(Ljava/lang/String;Z)Ljava/lang/Class;"))
        && (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
  }

  static void apply(ClassNode owner, MethodNode m, boolean frames) {
    LabelNode notOurs = new LabelNode();
    InsnList code = new InsnList();
    code.add(new VarInsnNode(Opcodes.ALOAD, 1));
    code.add(
        Bytecode.callStatic(
            Bytecode.LOADER_HOOKS, "find", "(Ljava/lang/String;)Ljava/lang/Class;"));
    code.add(new InsnNode(Opcodes.DUP));
    code.add(new JumpInsnNode(Opcodes.IFNULL, notOurs));
    code.add(new InsnNode(Opcodes.ARETURN));
    code.add(notOurs);
    if (frames) {
      code.add(Bytecode.frame(Bytecode.entryLocals(owner.name, m), List.of("java/lang/Class")));
    }
    code.add(new InsnNode(Opcodes.POP));
    m.instructions.insert(code);
  }
}
