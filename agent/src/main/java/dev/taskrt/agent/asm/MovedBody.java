package dev.taskrt.agent.asm;

import java.util.ArrayList;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Moves a method's body into a private static synthetic method of the same class (the receiver, if
 * any, becomes its first parameter, so every local keeps its slot and every stack map frame stays
 * valid) that returns the body's result boxed, and leaves the original method with code that makes
 * a {@link java.util.concurrent.Callable} of the body through {@code LambdaMetafactory}. Used where
 * the body must run as a task on another thread: {@code @Spawn} and {@code @Task(stackSize)}. Needs
 * class files of version 52 (Java 8) or later.
 */
public final class MovedBody {
  /** The type of the body the moved method's code makes. */
  public static final String CALLABLE = "java/util/concurrent/Callable";

  private static final Handle METAFACTORY =
      new Handle(
          Opcodes.H_INVOKESTATIC,
          "java/lang/invoke/LambdaMetafactory",
          "metafactory",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
              + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
              + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
          false);

  private MovedBody() {}

  /** The first class file version whose classes can use invokedynamic lambdas. */
  public static final int MIN_MAJOR_VERSION = 52;

  /**
   * Moves the body out and leaves {@code m} with code that pushes the method id and the body's
   * Callable; the caller adds the runtime call and the return.
   *
   * @param owner the class, which gains the body's method
   * @param m the method whose body moves
   * @param methodId the method's id in the runtime's registry
   */
  public static void move(ClassNode owner, MethodNode m, int methodId) {
    boolean isStatic = Bytecode.isStatic(m);
    boolean itf = (owner.access & Opcodes.ACC_INTERFACE) != 0;
    Type[] args = Type.getArgumentTypes(m.desc);
    Type returnType = Type.getReturnType(m.desc);
    StringBuilder params = new StringBuilder("(");
    if (!isStatic) {
      params.append('L').append(owner.name).append(';');
    }
    for (Type t : args) {
      params.append(t.getDescriptor());
    }
    params.append(')');
    String bodyName = "taskrt$" + m.name + "$" + owner.methods.size();
    String bodyDesc = params + "Ljava/lang/Object;";

    MethodNode body =
        new MethodNode(
            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
            bodyName,
            bodyDesc,
            null,
            m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
    body.instructions = m.instructions;
    body.tryCatchBlocks = m.tryCatchBlocks;
    body.maxLocals = m.maxLocals;
    body.maxStack = m.maxStack + 2;
    for (AbstractInsnNode n : body.instructions.toArray()) {
      if (Bytecode.isReturn(n.getOpcode())) {
        boxReturn(body.instructions, n, returnType);
      }
    }
    owner.methods.add(body);

    m.instructions = new InsnList();
    m.tryCatchBlocks = new ArrayList<>();
    m.localVariables = null;
    m.visibleLocalVariableAnnotations = null;
    m.invisibleLocalVariableAnnotations = null;
    m.instructions.add(Bytecode.pushInt(methodId));
    Bytecode.loadArguments(m.instructions, !isStatic, args, 0);
    m.instructions.add(
        new InvokeDynamicInsnNode(
            "call",
            params + "L" + CALLABLE + ";",
            METAFACTORY,
            Type.getType("()Ljava/lang/Object;"),
            new Handle(Opcodes.H_INVOKESTATIC, owner.name, bodyName, bodyDesc, itf),
            Type.getType("()Ljava/lang/Object;")));
    m.maxLocals = Math.max(1, Type.getArgumentsAndReturnSizes(m.desc) >> 2);
  }

  private static void boxReturn(InsnList code, AbstractInsnNode ret, Type returnType) {
    if (ret.getOpcode() == Opcodes.RETURN) {
      code.insertBefore(ret, new InsnNode(Opcodes.ACONST_NULL));
      code.set(ret, new InsnNode(Opcodes.ARETURN));
    } else if (ret.getOpcode() != Opcodes.ARETURN) {
      code.insertBefore(ret, Bytecode.box(returnType));
      code.set(ret, new InsnNode(Opcodes.ARETURN));
    }
  }
}
