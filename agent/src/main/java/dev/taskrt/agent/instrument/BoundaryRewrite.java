package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Boundary} (and {@code boundaries=}): catch-unwind. The method is a frame (its hooks run
 * first, as for any failing frame); then any failure leaving it, including one from its hooks, is
 * handed to {@code Instrumented.boundaryCaught} and the method returns its fallback method's result
 * (called with the same arguments as the method received) or zero, {@code false} or {@code null}.
 */
final class BoundaryRewrite {
  private BoundaryRewrite() {}

  /**
   * @param fallback a method of the same class with the same descriptor and staticness, or null
   */
  static void apply(
      ClassNode owner,
      MethodNode m,
      boolean frames,
      int methodId,
      int frameBytes,
      MethodNode fallback) {
    FrameRewrite.apply(m, frames, methodId, frameBytes, false);

    int base = m.maxLocals;
    List<Object> copyTypes = Bytecode.entryLocals(owner.name, m);
    int thrown = base + Bytecode.slots(copyTypes);
    if (frames) {
      for (AbstractInsnNode n : m.instructions.toArray()) {
        if (n instanceof FrameNode) {
          FrameNode f = (FrameNode) n;
          f.local = Bytecode.extendLocals(f.local, base, copyTypes);
        }
      }
    }
    boolean hasReceiver = !Bytecode.isStatic(m);
    Type[] args = Type.getArgumentTypes(m.desc);

    // Keep the arguments as received, for the fallback: the body may reassign its parameters.
    InsnList prologue = new InsnList();
    int from = 0;
    int to = base;
    if (hasReceiver) {
      prologue.add(new VarInsnNode(Opcodes.ALOAD, 0));
      prologue.add(new VarInsnNode(Opcodes.ASTORE, to));
      from++;
      to++;
    }
    for (Type t : args) {
      prologue.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), from));
      prologue.add(new VarInsnNode(t.getOpcode(Opcodes.ISTORE), to));
      from += t.getSize();
      to += t.getSize();
    }
    LabelNode start = new LabelNode();
    prologue.add(start);
    m.instructions.insert(prologue);

    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    InsnList handlerCode = new InsnList();
    handlerCode.add(end);
    handlerCode.add(handler);
    if (frames) {
      handlerCode.add(
          Bytecode.frame(
              Bytecode.extendLocals(List.of(), base, copyTypes), List.of(Bytecode.THROWABLE)));
    }
    handlerCode.add(new VarInsnNode(Opcodes.ASTORE, thrown));
    handlerCode.add(Bytecode.pushInt(methodId));
    handlerCode.add(new VarInsnNode(Opcodes.ALOAD, thrown));
    handlerCode.add(Bytecode.callInstrumented("boundaryCaught", "(ILjava/lang/Throwable;)V"));
    Type returnType = Type.getReturnType(m.desc);
    if (fallback == null) {
      Bytecode.returnZero(handlerCode, returnType);
    } else {
      Bytecode.loadArguments(handlerCode, hasReceiver, args, base);
      handlerCode.add(call(owner, fallback));
      handlerCode.add(new org.objectweb.asm.tree.InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
    }
    m.instructions.add(handlerCode);
    m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    m.maxLocals = thrown + 1;
  }

  private static MethodInsnNode call(ClassNode owner, MethodNode target) {
    boolean itf = (owner.access & Opcodes.ACC_INTERFACE) != 0;
    int opcode;
    if (Bytecode.isStatic(target)) {
      opcode = Opcodes.INVOKESTATIC;
    } else if ((target.access & Opcodes.ACC_PRIVATE) != 0) {
      opcode = Opcodes.INVOKESPECIAL;
    } else {
      opcode = itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
    }
    return new MethodInsnNode(opcode, owner.name, target.name, target.desc, itf);
  }
}
