package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MovedBody;
import dev.taskrt.internal.entry.Instrumented;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Spawn} (and {@code spawn=}): the call returns at once with what the method's return type
 * asks for (nothing, the {@code TaskHandle}, or a future of the body's result); the body runs as a
 * new task on a scheduler, through {@code Instrumented.spawn}. A method that takes {@code Chan}
 * parameters hands them to the new task: it owns them from its spawn ({@code
 * Instrumented.spawnOwning}), so a receiver never waits on it if it ends before its first send.
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

  private static final String CHAN = "dev/taskrt/Chan";

  /** The local slots of the method's {@code Chan} parameters, in order. */
  static java.util.List<Integer> chanParameterSlots(MethodNode m) {
    java.util.List<Integer> slots = new java.util.ArrayList<>();
    int slot = Bytecode.isStatic(m) ? 0 : 1;
    for (Type t : Type.getArgumentTypes(m.desc)) {
      if (t.getSort() == Type.OBJECT && t.getInternalName().equals(CHAN)) {
        slots.add(slot);
      }
      slot += t.getSize();
    }
    return slots;
  }

  static void apply(ClassNode owner, MethodNode m, int methodId, int returnKind) {
    MovedBody.move(owner, m, methodId);
    m.instructions.add(Bytecode.pushInt(returnKind));
    java.util.List<Integer> chanSlots = chanParameterSlots(m);
    if (chanSlots.isEmpty()) {
      m.instructions.add(
          Bytecode.callInstrumented("spawn", "(IL" + MovedBody.CALLABLE + ";I)Ljava/lang/Object;"));
    } else {
      m.instructions.add(Bytecode.pushInt(chanSlots.size()));
      m.instructions.add(new TypeInsnNode(Opcodes.ANEWARRAY, CHAN));
      for (int i = 0; i < chanSlots.size(); i++) {
        m.instructions.add(new InsnNode(Opcodes.DUP));
        m.instructions.add(Bytecode.pushInt(i));
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, chanSlots.get(i)));
        m.instructions.add(new InsnNode(Opcodes.AASTORE));
      }
      m.instructions.add(
          Bytecode.callInstrumented(
              "spawnOwning", "(IL" + MovedBody.CALLABLE + ";I[L" + CHAN + ";)Ljava/lang/Object;"));
    }
    Type returnType = Type.getReturnType(m.desc);
    if (returnKind == Instrumented.RETURNS_VOID) {
      m.instructions.add(new InsnNode(Opcodes.POP));
      m.instructions.add(new InsnNode(Opcodes.RETURN));
    } else {
      Bytecode.unboxAndReturn(m.instructions, returnType);
    }
  }
}
