package dev.taskrt.agent.instrument;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.ClinitHook;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;

/**
 * A class whose thread-local context follows tasks (a class named by {@code threadLocals=}, SLF4J's
 * {@code MDC}) tells the runtime when its static initialiser has run: {@code
 * HandoffHooks.classInitialised(ThisClass.class)} before each return of {@code <clinit>} (made when
 * there is none). The runtime then reads the fields once.
 */
final class ContextClassRewrite {
  private ContextClassRewrite() {}

  /** The class must pass {@link ClinitHook#canHook}. */
  static void apply(ClassNode owner) {
    ClinitHook.beforeEachReturn(owner, new Call(owner));
  }

  /** {@code HandoffHooks.classInitialised(ThisClass.class)}; a class, not a lambda (start-up). */
  private static final class Call implements ClinitHook.Code {
    private final ClassNode owner;

    Call(ClassNode owner) {
      this.owner = owner;
    }

    @Override
    public InsnList make() {
      InsnList call = new InsnList();
      call.add(ClinitHook.thisClass(owner));
      call.add(
          Bytecode.callStatic(Bytecode.HANDOFF_HOOKS, "classInitialised", "(Ljava/lang/Class;)V"));
      return call;
    }
  }
}
