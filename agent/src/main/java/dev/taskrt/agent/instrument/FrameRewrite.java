package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.internal.entry.Instrumented;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Frame} (and {@code frames=}): the call counts in the current task's stack accounting, is
 * a kill checkpoint, and scopes defer/onUnwind hooks, through {@code Instrumented.frameIn}, {@code
 * frameOut} and {@code frameThrown}.
 *
 * <p>The shape is kept as small as it can be, since every byte it adds counts against the JIT's
 * inlining limits for the method (DESIGN §7): the method id and frame size travel as one {@code
 * long} constant ({@code ldc2_w}, 3 bytes), the task is the only new local, and the handler works
 * on the exception where the catch leaves it, on the operand stack:
 *
 * <pre>
 *   ldc2_w frame; invokestatic frameIn; astore task               // 8 bytes
 *   each return:  aload task; ldc2_w frame; invokestatic frameOut  // 8 bytes
 *   handler:      dup; aload task; ldc2_w frame; invokestatic frameThrown; athrow  // 10 bytes
 * </pre>
 *
 * <p>A frame a wildcard pattern made calls {@code WildcardFrames.in}, {@code out} and {@code
 * WildcardFrameHandler.thrown} instead, the same work kept out of line ({@link
 * OutOfLineEntryPoints}): a wildcard frames every small method of a library, and inlined into each
 * of them the fast path multiplies the library's machine code. The handler's entry point is in a
 * class nothing loads before an exception first crosses such a frame, so that until then the JIT
 * compiles each handler as a deoptimization trap (see {@code WildcardFrameHandler}).
 *
 * <p>A wildcard's frame may instead be taken around the method's one call that needs it ({@link
 * OneCallFrames}): the same three calls, the entry just before the call (its arguments already on
 * the operand stack), the exit just after it, and a handler that covers only the call.
 */
final class FrameRewrite {
  private static final String IN = "(J)L" + Bytecode.TASK_CONTEXT + ";";
  private static final String OUT = "(L" + Bytecode.TASK_CONTEXT + ";J)V";
  private static final String THROWN = "(Ljava/lang/Throwable;L" + Bytecode.TASK_CONTEXT + ";J)V";

  private FrameRewrite() {}

  /**
   * @param byWildcard the frame comes from a wildcard pattern: call the out-of-line entry points
   *     ({@code WildcardFrames}), so the method's machine code carries two calls, not the fast path
   */
  static void apply(
      MethodNode m, boolean frames, int methodId, int frameBytes, boolean byWildcard) {
    long frame = Instrumented.frame(methodId, frameBytes);
    EntryPoints calls = byWildcard ? EntryPoints.WILDCARD : EntryPoints.INLINABLE;
    BodyWrapper.wrap(
        m,
        frames,
        List.of(Bytecode.TASK_CONTEXT),
        (code, base) -> calls.enter(code, frame, base),
        (code, base) -> calls.exit(code, frame, base),
        (code, base) -> calls.thrown(code, frame, base));
  }

  /** The three entry points a frame calls, and the code that calls each. */
  private record EntryPoints(
      String owner, String in, String out, String handlerOwner, String thrown) {
    /** An explicit {@code @Frame}'s: inlinable. */
    static final EntryPoints INLINABLE =
        new EntryPoints(
            Bytecode.INSTRUMENTED, "frameIn", "frameOut", Bytecode.INSTRUMENTED, "frameThrown");

    /** A wildcard's: out of line, the handler's in a class loaded when first needed. */
    static final EntryPoints WILDCARD =
        new EntryPoints(
            OutOfLineEntryPoints.FRAMES, "in", "out", OutOfLineEntryPoints.HANDLER, "thrown");

    /** {@code ldc2_w frame; invokestatic in; astore task}. */
    void enter(InsnList code, long frame, int task) {
      code.add(new LdcInsnNode(frame));
      code.add(Bytecode.callStatic(owner, in, IN));
      code.add(new VarInsnNode(Opcodes.ASTORE, task));
    }

    /** {@code aload task; ldc2_w frame; invokestatic out}. */
    void exit(InsnList code, long frame, int task) {
      code.add(new VarInsnNode(Opcodes.ALOAD, task));
      code.add(new LdcInsnNode(frame));
      code.add(Bytecode.callStatic(owner, out, OUT));
    }

    /** {@code dup; aload task; ldc2_w frame; invokestatic thrown}: the exception stays on top. */
    void thrown(InsnList code, long frame, int task) {
      code.add(new InsnNode(Opcodes.DUP));
      code.add(new VarInsnNode(Opcodes.ALOAD, task));
      code.add(new LdcInsnNode(frame));
      code.add(Bytecode.callStatic(handlerOwner, thrown, THROWN));
    }
  }

  /**
   * The frame of a wildcard taken around {@code call} only ({@link OneCallFrames}); the method has
   * no exception handler of its own, so the handler's rethrow goes to the caller as the call's
   * exception did.
   *
   * <pre>
   *   (arguments)  ldc2_w frame; invokestatic in; astore task   // 8 bytes
   *   start:       call
   *   end:         aload task; ldc2_w frame; invokestatic out   // 8 bytes
   *   handler:     dup; aload task; ldc2_w frame; invokestatic thrown; athrow  // 10 bytes
   * </pre>
   *
   * <p>The task's local is live only from the entry to the exit, with no branch target in between,
   * so no stack map frame of the method changes; the handler's frame declares only it.
   */
  static void applyAtCall(
      MethodNode m, boolean frames, int methodId, int frameBytes, MethodInsnNode call) {
    long frame = Instrumented.frame(methodId, frameBytes);
    int task = m.maxLocals;
    EntryPoints calls = EntryPoints.WILDCARD;
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();

    InsnList enter = new InsnList();
    calls.enter(enter, frame, task);
    enter.add(start);
    m.instructions.insertBefore(call, enter);

    InsnList exit = new InsnList();
    exit.add(end);
    calls.exit(exit, frame, task);
    m.instructions.insert(call, exit);

    InsnList handlerCode = new InsnList();
    handlerCode.add(handler);
    if (frames) {
      handlerCode.add(
          Bytecode.frame(
              Bytecode.extendLocals(List.of(), task, List.of(Bytecode.TASK_CONTEXT)),
              List.of(Bytecode.THROWABLE)));
    }
    calls.thrown(handlerCode, frame, task);
    handlerCode.add(new InsnNode(Opcodes.ATHROW));
    m.instructions.add(handlerCode);
    m.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null));
    m.maxLocals = task + 1;
  }
}
