package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.ClinitHook;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LdcInsnNode;

/**
 * {@code @AtExit}: the class initialiser (made if the class has none) first registers the static
 * method as an at_exit handler, through {@code Instrumented.registerAtExit}.
 */
final class AtExitRewrite {
  private AtExitRewrite() {}

  static void apply(ClassNode owner, String methodName, String handlerName) {
    InsnList code = new InsnList();
    code.add(ClinitHook.thisClass(owner));
    code.add(new LdcInsnNode(methodName));
    code.add(new LdcInsnNode(handlerName));
    code.add(
        Bytecode.callInstrumented(
            "registerAtExit", "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;)V"));
    ClinitHook.atStart(owner, code);
  }
}
