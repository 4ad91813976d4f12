package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.internal.entry.Instrumented;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
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
    String owner = byWildcard ? OutOfLineEntryPoints.FRAMES : Bytecode.INSTRUMENTED;
    String handlerOwner = byWildcard ? OutOfLineEntryPoints.HANDLER : Bytecode.INSTRUMENTED;
    String in = byWildcard ? "in" : "frameIn";
    String out = byWildcard ? "out" : "frameOut";
    String thrown = byWildcard ? "thrown" : "frameThrown";
    BodyWrapper.wrap(
        m,
        frames,
        List.of(Bytecode.TASK_CONTEXT),
        (code, base) -> {
          code.add(new LdcInsnNode(frame));
          code.add(Bytecode.callStatic(owner, in, IN));
          code.add(new VarInsnNode(Opcodes.ASTORE, base));
        },
        (code, base) -> {
          code.add(new VarInsnNode(Opcodes.ALOAD, base));
          code.add(new LdcInsnNode(frame));
          code.add(Bytecode.callStatic(owner, out, OUT));
        },
        (code, base) -> {
          code.add(new InsnNode(Opcodes.DUP));
          code.add(new VarInsnNode(Opcodes.ALOAD, base));
          code.add(new LdcInsnNode(frame));
          code.add(Bytecode.callStatic(handlerOwner, thrown, THROWN));
        });
  }
}
