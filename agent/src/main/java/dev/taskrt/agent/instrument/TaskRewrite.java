package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Task} (and {@code tasks=}) on the caller's thread: the body runs as a synchronous child
 * task between {@code Instrumented.taskEnter} and {@code taskExit}; the task's failure reaches the
 * caller as the original exception.
 */
final class TaskRewrite {
  private TaskRewrite() {}

  static void apply(MethodNode m, boolean frames, int methodId) {
    BodyWrapper.wrap(
        m,
        frames,
        List.of(Bytecode.TASK_CONTEXT),
        (code, base) -> {
          code.add(Bytecode.pushInt(methodId));
          code.add(Bytecode.callInstrumented("taskEnter", "(I)L" + Bytecode.TASK_CONTEXT + ";"));
          code.add(new VarInsnNode(Opcodes.ASTORE, base));
        },
        (code, base, thrown) -> {
          code.add(new VarInsnNode(Opcodes.ALOAD, base));
          code.add(
              thrown < 0
                  ? new InsnNode(Opcodes.ACONST_NULL)
                  : new VarInsnNode(Opcodes.ALOAD, thrown));
          code.add(
              Bytecode.callInstrumented(
                  "taskExit", "(L" + Bytecode.TASK_CONTEXT + ";Ljava/lang/Throwable;)V"));
        });
  }
}
