package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.BodyWrapper;
import dev.taskrt.agent.asm.Bytecode;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code main=on}: the main class's {@code main(String[])} runs as the root task {@code main}
 * between {@code Instrumented.mainEnter} and {@code mainExit}; when it returns, the kernel's
 * shutdown sequence runs, and a failure leaves main as before (so the launcher exits with 1).
 */
final class MainRewrite {
  private MainRewrite() {}

  /** Whether the method is {@code static void main(String[])}. */
  static boolean isMain(MethodNode m) {
    return m.name.equals("main")
        && m.desc.equals("([Ljava/lang/String;)V")
        && (m.access & Opcodes.ACC_STATIC) != 0
        && (m.access & Opcodes.ACC_ABSTRACT) == 0;
  }

  static void apply(MethodNode m, boolean frames) {
    BodyWrapper.wrap(m, frames, List.of(Bytecode.TASK_CONTEXT), new MainEnter(), new MainExit());
  }

  // Classes rather than lambdas: this rewrite runs at every start, where a lambda's first use
  // costs a few milliseconds of bootstrap.

  /** {@code context = Instrumented.mainEnter(args)}. */
  private static final class MainEnter implements BodyWrapper.Enter {
    @Override
    public void emit(InsnList code, int base) {
      code.add(new VarInsnNode(Opcodes.ALOAD, 0));
      code.add(
          Bytecode.callInstrumented(
              "mainEnter", "([Ljava/lang/String;)L" + Bytecode.TASK_CONTEXT + ";"));
      code.add(new VarInsnNode(Opcodes.ASTORE, base));
    }
  }

  /** {@code Instrumented.mainExit(context, thrown or null)}. */
  private static final class MainExit implements BodyWrapper.Exit {
    @Override
    public void emit(InsnList code, int base, int thrown) {
      code.add(new VarInsnNode(Opcodes.ALOAD, base));
      code.add(
          thrown < 0 ? new InsnNode(Opcodes.ACONST_NULL) : new VarInsnNode(Opcodes.ALOAD, thrown));
      code.add(
          Bytecode.callInstrumented(
              "mainExit", "(L" + Bytecode.TASK_CONTEXT + ";Ljava/lang/Throwable;)V"));
    }
  }
}
