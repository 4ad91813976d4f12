package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code @Foreign} (and {@code foreign=}): a headroom check and state FOREIGN before the call, a
 * timed {@code taskrt.ForeignCall} event after it, through {@code Instrumented.foreignEnter} and
 * {@code foreignExit}.
 */
final class ForeignRewrite {
  /** Headroom a foreign call needs when its annotation does not say. */
  static final long DEFAULT_HEADROOM = 64 * 1024;

  private ForeignRewrite() {}

  static void apply(MethodNode m, boolean frames, int methodId, long headroom) {
    BodyWrapper.wrap(
        m,
        frames,
        List.of("java/lang/Object"),
        (code, base) -> {
          code.add(Bytecode.pushInt(methodId));
          code.add(new LdcInsnNode(headroom));
          code.add(Bytecode.callInstrumented("foreignEnter", "(IJ)Ljava/lang/Object;"));
          code.add(new VarInsnNode(Opcodes.ASTORE, base));
        },
        (code, base, thrown) -> {
          code.add(new VarInsnNode(Opcodes.ALOAD, base));
          code.add(Bytecode.pushInt(methodId));
          code.add(
              thrown < 0
                  ? new InsnNode(Opcodes.ACONST_NULL)
                  : new VarInsnNode(Opcodes.ALOAD, thrown));
          code.add(
              Bytecode.callInstrumented(
                  "foreignExit", "(Ljava/lang/Object;ILjava/lang/Throwable;)V"));
        });
  }
}
