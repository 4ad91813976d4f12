package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MovedBody;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code @Foreign(stackSize = ...)}: the body moves into a Callable and runs on a new thread with
 * that stack while the calling task waits in state FOREIGN, through {@code
 * Instrumented.foreignOnOwnStack}; the result, or the very exception the body threw, comes back to
 * the caller.
 */
final class ForeignOnOwnStackRewrite {
  private ForeignOnOwnStackRewrite() {}

  static void apply(ClassNode owner, MethodNode m, int methodId, long headroom, long stackSize) {
    MovedBody.move(owner, m, methodId);
    m.instructions.add(new LdcInsnNode(headroom));
    m.instructions.add(new LdcInsnNode(stackSize));
    m.instructions.add(
        Bytecode.callInstrumented(
            "foreignOnOwnStack", "(IL" + MovedBody.CALLABLE + ";JJ)Ljava/lang/Object;"));
    Bytecode.unboxAndReturn(m.instructions, Type.getReturnType(m.desc));
  }
}
