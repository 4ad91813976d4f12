package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Frame} (and {@code frames=}): the call counts in the current task's stack accounting, is
 * a kill checkpoint, and scopes defer/onUnwind hooks, through {@code Instrumented.frameEnter} and
 * {@code frameExit}.
 */
final class FrameRewrite {
  private FrameRewrite() {}

  static void apply(MethodNode m, boolean frames, int methodId, int frameBytes) {
    BodyWrapper.wrap(
        m,
        frames,
        List.of(Bytecode.TASK_CONTEXT),
        (code, base) -> {
          code.add(Bytecode.pushInt(methodId));
          code.add(Bytecode.pushInt(frameBytes));
          code.add(Bytecode.callInstrumented("frameEnter", "(II)L" + Bytecode.TASK_CONTEXT + ";"));
          code.add(new VarInsnNode(Opcodes.ASTORE, base));
        },
        (code, base, thrown) -> {
          code.add(new VarInsnNode(Opcodes.ALOAD, base));
          code.add(Bytecode.pushInt(frameBytes));
          code.add(
              thrown < 0
                  ? new InsnNode(Opcodes.ACONST_NULL)
                  : new VarInsnNode(Opcodes.ALOAD, thrown));
          code.add(
              Bytecode.callInstrumented(
                  "frameExit", "(L" + Bytecode.TASK_CONTEXT + ";ILjava/lang/Throwable;)V"));
        });
  }
}
