package dev.taskrt.agent.asm;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Wraps a method body in an enter call and an exit call that runs exactly once however the body
 * ends, the shape every hook pair of {@code Instrumented} needs:
 *
 * <pre>
 *   state = enter(...)                 // may throw: then no exit runs
 *   try { body }                       // each return: exit(state, null); return
 *   catch (Throwable t) { exit(state, t); throw t; }
 * </pre>
 *
 * <p>The exit call at a return lies outside the catch range, so an exception it throws (a defer
 * hook's failure, a kill) propagates instead of running the exit twice; the body's own exception is
 * rethrown unchanged. The catch range is added after the method's own handlers, so theirs keep
 * precedence. The wrapper's locals are new slots past {@code maxLocals}; every existing stack map
 * frame is extended with them, and the handler gets a frame that declares only them. Wrappers nest:
 * a second wrapper treats the first one's code as body.
 */
public final class BodyWrapper {
  /** Emits the code that computes the wrapper's state and stores it from slot {@code base}. */
  public interface Enter {
    /** Adds the enter code to {@code code}; the state goes from slot {@code base}. */
    void emit(InsnList code, int base);
  }

  /** Emits the exit call; {@code thrownSlot} holds the body's exception, or is -1 on a return. */
  public interface Exit {
    /** Adds the exit code to {@code code}, reading the state from slot {@code base}. */
    void emit(InsnList code, int base, int thrownSlot);
  }

  private BodyWrapper() {}

  /**
   * Emits the exit code of the handler: the body's exception is on top of the operand stack and
   * must be left there (the wrapper rethrows it).
   */
  public interface Rethrow {
    /** Adds the handler's exit code to {@code code}, reading the state from slot {@code base}. */
    void emit(InsnList code, int base);
  }

  /**
   * Wraps the method; the handler keeps the body's exception in a local of its own while the exit
   * runs.
   *
   * @param m the method, with expanded frames if it has any
   * @param frames whether to maintain stack map frames
   * @param stateTypes the frame types of the wrapper's locals
   * @param enter emits the enter call
   * @param exit emits the exit call
   */
  public static void wrap(
      MethodNode m, boolean frames, List<Object> stateTypes, Enter enter, Exit exit) {
    int thrown = m.maxLocals + Bytecode.slots(stateTypes);
    wrap(
        m,
        frames,
        stateTypes,
        enter,
        (code, base) -> exit.emit(code, base, -1),
        (code, base) -> {
          code.add(new VarInsnNode(Opcodes.ASTORE, thrown));
          exit.emit(code, base, thrown);
          code.add(new VarInsnNode(Opcodes.ALOAD, thrown));
        });
    m.maxLocals = thrown + 1;
  }

  /**
   * Wraps the method with the leanest handler: {@code rethrow} works on the exception where the
   * catch puts it, on the operand stack, so the wrapper adds no local but its state.
   *
   * @param m the method, with expanded frames if it has any
   * @param frames whether to maintain stack map frames
   * @param stateTypes the frame types of the wrapper's locals
   * @param enter emits the enter call
   * @param exit emits the exit call before each return
   * @param rethrow emits the exit call of the handler, the exception on the stack
   */
  public static void wrap(
      MethodNode m,
      boolean frames,
      List<Object> stateTypes,
      Enter enter,
      Rethrow exit,
      Rethrow rethrow) {
    int base = m.maxLocals;
    AbstractInsnNode[] original = m.instructions.toArray();
    if (frames) {
      for (AbstractInsnNode n : original) {
        if (n instanceof FrameNode) {
          FrameNode f = (FrameNode) n;
          f.local = Bytecode.extendLocals(f.local, base, stateTypes);
        }
      }
    }
    LabelNode first = new LabelNode();
    LabelNode segmentStart = first;
    List<LabelNode[]> segments = new ArrayList<>();
    for (AbstractInsnNode n : original) {
      if (Bytecode.isReturn(n.getOpcode())) {
        LabelNode segmentEnd = new LabelNode();
        InsnList exitCode = new InsnList();
        exitCode.add(segmentEnd);
        exit.emit(exitCode, base);
        m.instructions.insertBefore(n, exitCode);
        segments.add(new LabelNode[] {segmentStart, segmentEnd});
        segmentStart = new LabelNode();
        m.instructions.insert(n, segmentStart);
      }
    }
    LabelNode bodyEnd = new LabelNode();
    m.instructions.add(bodyEnd);
    segments.add(new LabelNode[] {segmentStart, bodyEnd});

    InsnList prologue = new InsnList();
    enter.emit(prologue, base);
    prologue.add(first);
    m.instructions.insert(prologue);

    LabelNode handler = new LabelNode();
    InsnList handlerCode = new InsnList();
    handlerCode.add(handler);
    if (frames) {
      handlerCode.add(
          Bytecode.frame(
              Bytecode.extendLocals(List.of(), base, stateTypes), List.of(Bytecode.THROWABLE)));
    }
    rethrow.emit(handlerCode, base);
    handlerCode.add(new InsnNode(Opcodes.ATHROW));
    m.instructions.add(handlerCode);

    for (LabelNode[] segment : segments) {
      if (Bytecode.hasCodeBetween(segment[0], segment[1])) {
        m.tryCatchBlocks.add(new TryCatchBlockNode(segment[0], segment[1], handler, null));
      }
    }
    m.maxLocals = base + Bytecode.slots(stateTypes);
  }
}
