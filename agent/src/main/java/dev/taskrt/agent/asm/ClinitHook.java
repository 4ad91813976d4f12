package dev.taskrt.agent.asm;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Code added to a class's static initialiser, which is made (empty) when the class has none: at its
 * start ({@code @AtExit} registration) or before each of its returns (a context class telling the
 * runtime its fields are set). The added code must leave the operand stack as it found it.
 */
public final class ClinitHook {
  /** {@code ldc} of a class constant needs class files of version 49 (Java 5) or later. */
  public static final int MIN_MAJOR_VERSION = Opcodes.V1_5;

  private ClinitHook() {}

  /** Whether a hook can go into the class: not an interface, and a class constant is allowed. */
  public static boolean canHook(ClassNode owner) {
    return (owner.version & 0xFFFF) >= MIN_MAJOR_VERSION
        && (owner.access & Opcodes.ACC_INTERFACE) == 0;
  }

  /** Inserts {@code code} at the start of the class's static initialiser. */
  public static void atStart(ClassNode owner, InsnList code) {
    clinit(owner).instructions.insert(code);
  }

  /**
   * Inserts a copy of the code {@code call} makes before each return of the class's static
   * initialiser.
   *
   * @param call makes the code, once for each return
   */
  public static void beforeEachReturn(ClassNode owner, Code call) {
    MethodNode clinit = clinit(owner);
    for (AbstractInsnNode n = clinit.instructions.getFirst(); n != null; n = n.getNext()) {
      if (n.getOpcode() == Opcodes.RETURN) {
        clinit.instructions.insertBefore(n, call.make());
      }
    }
  }

  /** {@code ldc ThisClass.class}: the class being initialised, as a constant. */
  public static LdcInsnNode thisClass(ClassNode owner) {
    return new LdcInsnNode(Type.getObjectType(owner.name));
  }

  /** Makes a fresh copy of the code to insert. */
  public interface Code {
    /** A new list of instructions (a list can be inserted once). */
    InsnList make();
  }

  private static MethodNode clinit(ClassNode owner) {
    for (MethodNode m : owner.methods) {
      if (m.name.equals("<clinit>")) {
        return m;
      }
    }
    MethodNode clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.instructions.add(new InsnNode(Opcodes.RETURN));
    owner.methods.add(clinit);
    return clinit;
  }
}
