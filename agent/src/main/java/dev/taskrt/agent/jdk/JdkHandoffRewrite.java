package dev.taskrt.agent.jdk;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MethodPatcher;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The hand-off points of the JDK (DESIGN §1, "Legacy runtime"), rewritten only under {@code
 * propagate}: each inserts one call to the runtime's {@code HandoffHooks} at the top of a method
 * and changes nothing else.
 *
 * <ul>
 *   <li>{@code ThreadPoolExecutor.execute(Runnable)}: every submit, invokeAll and execute of a
 *       thread pool, and of executors that delegate to one.
 *   <li>{@code ScheduledThreadPoolExecutor.schedule*}: they queue without {@code execute}.
 *   <li>{@code ForkJoinPool.execute(Runnable)} and {@code submit(Runnable|Callable)}: the common
 *       pool of {@code CompletableFuture}'s async methods; fork/join tasks themselves are
 *       untouched.
 *   <li>{@code Thread.start} and {@code Thread.run()}: a platform thread started from a task.
 *   <li>{@code VirtualThread}'s constructor (JDK 21+): the task of a virtual thread.
 * </ul>
 */
final class JdkHandoffRewrite {
  private static final String HOOKS = Bytecode.HANDOFF_HOOKS;
  private static final String RUNNABLE = "Ljava/lang/Runnable;";
  private static final String CALLABLE = "Ljava/util/concurrent/Callable;";
  private static final String TPE = "java/util/concurrent/ThreadPoolExecutor";
  private static final String STPE = "java/util/concurrent/ScheduledThreadPoolExecutor";
  private static final String FJP = "java/util/concurrent/ForkJoinPool";
  private static final String THREAD = "java/lang/Thread";
  private static final String VIRTUAL_THREAD = "java/lang/VirtualThread";

  /** The classes this rewrite changes, as internal names. */
  static final Set<String> CLASSES = Set.of(TPE, STPE, FJP, THREAD, VIRTUAL_THREAD);

  /**
   * Those of them the JVM itself knows by name, loaded before any agent starts, which it cannot put
   * in a class-data archive once they are redefined.
   */
  static final Set<String> JVM_OWN_CLASSES = Set.of(THREAD, VIRTUAL_THREAD);

  private JdkHandoffRewrite() {}

  /**
   * Rewrites the hand-off methods of a class on their way from a reader to {@code next}, copying
   * every other method as it is; its {@code changed()} is 0 once the class has been read if this
   * JDK's class differs.
   */
  static MethodPatcher patcher(ClassVisitor next) {
    return new MethodPatcher(next) {
      @Override
      protected boolean wants(String owner, String name, String descriptor) {
        return rewrites(owner, name, descriptor);
      }

      @Override
      protected boolean patch(ClassNode header, MethodNode method) {
        return rewrite(header, method);
      }
    };
  }

  private static boolean rewrites(String owner, String name, String desc) {
    switch (owner) {
      case TPE:
        return name.equals("execute") && desc.equals("(" + RUNNABLE + ")V");
      case STPE:
        return (name.equals("schedule")
                || name.equals("scheduleAtFixedRate")
                || name.equals("scheduleWithFixedDelay"))
            && (desc.startsWith("(" + RUNNABLE) || desc.startsWith("(" + CALLABLE));
      case FJP:
        return (name.equals("execute") && desc.equals("(" + RUNNABLE + ")V"))
            || (name.equals("submit")
                && (desc.startsWith("(" + RUNNABLE) || desc.startsWith("(" + CALLABLE)));
      case THREAD:
        return (name.equals("run") && desc.equals("()V")) || isThreadStart(name, desc);
      case VIRTUAL_THREAD:
        return name.equals("<init>") && desc.endsWith(RUNNABLE + ")V");
      default:
        return false;
    }
  }

  /** {@code start()}, and {@code start(ThreadContainer)} (JDK 21+, thread-per-task executors). */
  private static boolean isThreadStart(String name, String desc) {
    return name.equals("start")
        && (desc.equals("()V") || desc.equals("(Ljdk/internal/vm/ThreadContainer;)V"));
  }

  private static boolean rewrite(ClassNode owner, MethodNode m) {
    if (owner.name.equals(THREAD)) {
      if (m.name.equals("run")) {
        return rewriteRun(m);
      }
      return rewriteStart(owner, m);
    }
    Type[] args = Type.getArgumentTypes(m.desc);
    int slot = 1;
    int wrapped = -1;
    String kind = null;
    for (Type arg : args) {
      String d = arg.getDescriptor();
      if (d.equals(RUNNABLE) || d.equals(CALLABLE)) {
        wrapped = slot;
        kind = d;
        if (!owner.name.equals(VIRTUAL_THREAD)) {
          break;
        }
      }
      slot += arg.getSize();
    }
    if (wrapped < 0) {
      return false;
    }
    InsnList code = new InsnList();
    code.add(new VarInsnNode(Opcodes.ALOAD, wrapped));
    code.add(
        new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "handOff", "(" + kind + ")" + kind, false));
    code.add(new VarInsnNode(Opcodes.ASTORE, wrapped));
    m.instructions.insert(code);
    return true;
  }

  /** {@code HandoffHooks.threadStarting(this, <the thread's target>)} first. */
  private static boolean rewriteStart(ClassNode owner, MethodNode m) {
    InsnList code = new InsnList();
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    if (hasField(owner, "target", RUNNABLE)) {
      code.add(new FieldInsnNode(Opcodes.GETFIELD, THREAD, "target", RUNNABLE));
    } else if (hasField(owner, "holder", "Ljava/lang/Thread$FieldHolder;")) {
      code.add(
          new FieldInsnNode(Opcodes.GETFIELD, THREAD, "holder", "Ljava/lang/Thread$FieldHolder;"));
      code.add(new FieldInsnNode(Opcodes.GETFIELD, THREAD + "$FieldHolder", "task", RUNNABLE));
    } else {
      return false;
    }
    code.add(
        new MethodInsnNode(
            Opcodes.INVOKESTATIC,
            HOOKS,
            "threadStarting",
            "(Ljava/lang/Thread;" + RUNNABLE + ")V",
            false));
    m.instructions.insert(code);
    return true;
  }

  /** {@code if (HandoffHooks.threadRunning(this)) return;} first. */
  private static boolean rewriteRun(MethodNode m) {
    LabelNode go = new LabelNode();
    InsnList code = new InsnList();
    code.add(new VarInsnNode(Opcodes.ALOAD, 0));
    code.add(
        new MethodInsnNode(
            Opcodes.INVOKESTATIC, HOOKS, "threadRunning", "(Ljava/lang/Thread;)Z", false));
    code.add(new JumpInsnNode(Opcodes.IFEQ, go));
    code.add(new InsnNode(Opcodes.RETURN));
    code.add(go);
    if (!Bytecode.startsWithFrame(m.instructions)) {
      code.add(new FrameNode(Opcodes.F_NEW, 1, new Object[] {THREAD}, 0, new Object[0]));
    }
    m.instructions.insert(code);
    return true;
  }

  private static boolean hasField(ClassNode owner, String name, String desc) {
    for (FieldNode f : owner.fields) {
      if (f.name.equals(name) && f.desc.equals(desc)) {
        return true;
      }
    }
    return false;
  }
}
