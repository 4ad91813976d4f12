package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MovedBody;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code @Task(stackSize = ...)}: the body runs as a synchronous task on a new thread with that
 * stack size while the caller waits, through {@code Instrumented.runTask}; the result or the
 * original exception comes back to the caller.
 */
final class TaskOnThreadRewrite {
  private TaskOnThreadRewrite() {}

  static void apply(ClassNode owner, MethodNode m, int methodId) {
    MovedBody.move(owner, m, methodId);
    m.instructions.add(
        Bytecode.callInstrumented("runTask", "(IL" + MovedBody.CALLABLE + ";)Ljava/lang/Object;"));
    Bytecode.unboxAndReturn(m.instructions, Type.getReturnType(m.desc));
  }
}
