package dev.taskrt.agent.jdk;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.asm.MethodPatcher;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The public hidden-class API: {@code MethodHandles.Lookup.defineHiddenClass} and {@code
 * defineHiddenClassWithClassData} first pass their class bytes through the runtime's {@code
 * HiddenClassDefinitions.bytesToDefine} and go on with what it returns ({@code bytes =
 * bytesToDefine(this, bytes)}), so that the agent sees hidden classes, which never reach a class
 * file transformer. The call is not guarded, as the exit paths' are: {@code bytesToDefine} catches
 * whatever the hook throws. Local 1 keeps its type, so the methods' stack map frames stay as they
 * are.
 */
final class HiddenClassRewrite {
  /** The class whose two methods are patched. */
  static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

  /** How many methods a JDK that matches has patched. */
  static final int METHODS = 2;

  private static final String OPTIONS = "[Ljava/lang/invoke/MethodHandles$Lookup$ClassOption;";
  private static final String RETURNS = ")Ljava/lang/invoke/MethodHandles$Lookup;";

  /** {@code defineHiddenClass(byte[], boolean, ClassOption...)}. */
  static final String DEFINE_HIDDEN_CLASS = "([BZ" + OPTIONS + RETURNS;

  /** {@code defineHiddenClassWithClassData(byte[], Object, boolean, ClassOption...)}. */
  static final String WITH_CLASS_DATA = "([BLjava/lang/Object;Z" + OPTIONS + RETURNS;

  private HiddenClassRewrite() {}

  /**
   * Rewrites the two methods of {@code Lookup} on their way from a reader to {@code next}, copying
   * every other method as it is; its {@code changed()} is {@link #METHODS} once the class has been
   * read, less if this JDK's class differs.
   */
  static MethodPatcher patcher(ClassVisitor next) {
    return new MethodPatcher(next) {
      @Override
      protected boolean wants(String owner, String name, String descriptor) {
        return owner.equals(LOOKUP)
            && ((name.equals("defineHiddenClass") && descriptor.equals(DEFINE_HIDDEN_CLASS))
                || (name.equals("defineHiddenClassWithClassData")
                    && descriptor.equals(WITH_CLASS_DATA)));
      }

      @Override
      protected boolean patch(ClassNode header, MethodNode method) {
        if (Bytecode.isStatic(method)) {
          return false;
        }
        InsnList call = new InsnList();
        call.add(new VarInsnNode(Opcodes.ALOAD, 0));
        call.add(new VarInsnNode(Opcodes.ALOAD, 1));
        call.add(
            Bytecode.callStatic(
                Bytecode.HIDDEN_CLASS_DEFINITIONS, "bytesToDefine", "(Ljava/lang/Object;[B)[B"));
        call.add(new VarInsnNode(Opcodes.ASTORE, 1));
        method.instructions.insert(call);
        return true;
      }
    };
  }
}
