package dev.taskrt.agent.jdk;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MethodPatcher;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The JVM's exit paths (DESIGN §4): {@code Runtime.exit(int)} first tells the kernel the status
 * ({@code Instrumented.exitRequested}), and {@code ApplicationShutdownHooks.runHooks()} first runs
 * the kernel's shutdown ({@code Instrumented.jvmExiting}) before any application shutdown hook
 * starts, on every exit path (main returns, {@code System.exit}, a signal). Each call is guarded:
 * nothing it throws can stop the JVM from exiting.
 */
final class ExitPathRewrite {
  /** The class whose {@code exit(int)} every {@code System.exit} goes through. */
  static final String RUNTIME = "java/lang/Runtime";

  /** The class whose {@code runHooks()} starts the application's shutdown hooks. */
  static final String SHUTDOWN_HOOKS = "java/lang/ApplicationShutdownHooks";

  private ExitPathRewrite() {}

  /** Whether the class is one of the two this rewrite changes. */
  static boolean targets(String className) {
    return RUNTIME.equals(className) || SHUTDOWN_HOOKS.equals(className);
  }

  /**
   * Rewrites the exit-path method of a class on its way from a reader to {@code next}, copying
   * every other method as it is; its {@code changed()} is 0 once the class has been read if the
   * expected method was not found (a JDK that differs).
   */
  static MethodPatcher patcher(ClassVisitor next) {
    return new MethodPatcher(next) {
      @Override
      protected boolean wants(String owner, String name, String descriptor) {
        return (owner.equals(RUNTIME) && name.equals("exit") && descriptor.equals("(I)V"))
            || (owner.equals(SHUTDOWN_HOOKS)
                && name.equals("runHooks")
                && descriptor.equals("()V"));
      }

      @Override
      protected boolean patch(ClassNode header, MethodNode method) {
        InsnList call = new InsnList();
        if (header.name.equals(RUNTIME)) {
          call.add(new VarInsnNode(Opcodes.ILOAD, 1));
          call.add(Bytecode.callInstrumented("exitRequested", "(I)V"));
        } else {
          call.add(Bytecode.callInstrumented("jvmExiting", "()V"));
        }
        guardedPrologue(header, method, call);
        return true;
      }
    };
  }

  /** {@code try { call } catch (Throwable ignored) {}} before the method's own code. */
  private static void guardedPrologue(ClassNode owner, MethodNode m, InsnList call) {
    List<Object> locals = Bytecode.entryLocals(owner.name, m);
    boolean frames = (owner.version & 0xFFFF) >= 50;
    LabelNode start = new LabelNode();
    LabelNode end = new LabelNode();
    LabelNode handler = new LabelNode();
    LabelNode resume = new LabelNode();
    boolean bodyStartsWithFrame = Bytecode.startsWithFrame(m.instructions);
    InsnList code = new InsnList();
    code.add(start);
    code.add(call);
    code.add(end);
    code.add(new JumpInsnNode(Opcodes.GOTO, resume));
    code.add(handler);
    if (frames) {
      code.add(Bytecode.frame(locals, List.of(Bytecode.THROWABLE)));
    }
    code.add(new InsnNode(Opcodes.POP));
    code.add(resume);
    if (frames && !bodyStartsWithFrame) {
      code.add(Bytecode.frame(locals, List.of()));
    }
    m.instructions.insert(code);
    m.tryCatchBlocks.add(0, new TryCatchBlockNode(start, end, handler, Bytecode.THROWABLE));
  }
}
