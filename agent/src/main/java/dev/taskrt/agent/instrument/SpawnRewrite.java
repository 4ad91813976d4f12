package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MovedBody;
import dev.taskrt.internal.entry.Instrumented;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code @Spawn} (and {@code spawn=}): the call returns at once with what the method's return type
 * asks for (nothing, the {@code TaskHandle}, or a future of the body's result); the body runs as a
 * new task on a scheduler, through {@code Instrumented.spawn}.
 */
final class SpawnRewrite {
  private SpawnRewrite() {}

  /**
   * The return kind {@code Instrumented.spawn} takes, or -1 if the method's type cannot be filled.
   */
  static int returnKind(String methodDescriptor) {
    Type t = Type.getReturnType(methodDescriptor);
    if (t.getSort() == Type.VOID) {
      return Instrumented.RETURNS_VOID;
    }
    if (t.getSort() != Type.OBJECT) {
      return -1;
    }
    switch (t.getInternalName()) {
      case "dev/taskrt/TaskHandle":
        return Instrumented.RETURNS_HANDLE;
      case "java/util/concurrent/Future":
      case "java/util/concurrent/CompletableFuture":
        return Instrumented.RETURNS_FUTURE;
      default:
        return -1;
    }
  }

  static void apply(ClassNode owner, MethodNode m, int methodId, int returnKind) {
    MovedBody.move(owner, m, methodId);
    m.instructions.add(Bytecode.pushInt(returnKind));
    m.instructions.add(
        Bytecode.callInstrumented("spawn", "(IL" + MovedBody.CALLABLE + ";I)Ljava/lang/Object;"));
    Type returnType = Type.getReturnType(m.desc);
    if (returnKind == Instrumented.RETURNS_VOID) {
      m.instructions.add(new InsnNode(Opcodes.POP));
      m.instructions.add(new InsnNode(Opcodes.RETURN));
    } else {
      Bytecode.unboxAndReturn(m.instructions, returnType);
    }
  }
}
