package dev.taskrt.agent.asm;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Small pieces of bytecode the rewrites share, and the names of the runtime's entry classes that
 * rewritten code calls (package {@code dev.taskrt.internal.entry}, bootstrap-loaded).
 */
public final class Bytecode {
  /** The entry class of rewritten application methods and of the JVM's exit paths. */
  public static final String INSTRUMENTED = "dev/taskrt/internal/entry/Instrumented";

  /** The entry class of the JDK's rewritten hand-off points and of context classes. */
  public static final String HANDOFF_HOOKS = "dev/taskrt/internal/entry/HandoffHooks";

  /** The entry class of rewritten application class loaders. */
  public static final String LOADER_HOOKS = "dev/taskrt/internal/entry/LoaderHooks";

  /** The entry class of the JDK's rewritten hidden-class definitions. */
  public static final String HIDDEN_CLASS_DEFINITIONS =
      "dev/taskrt/internal/entry/HiddenClassDefinitions";

  /** The task type the frame and task hooks return. */
  public static final String TASK_CONTEXT = "dev/taskrt/internal/TaskContext";

  /** {@code java/lang/Throwable}, for handler frames and catch ranges. */
  public static final String THROWABLE = "java/lang/Throwable";

  private Bytecode() {}

  /** Pushes an int constant. */
  public static AbstractInsnNode pushInt(int value) {
    if (value >= -1 && value <= 5) {
      return new InsnNode(Opcodes.ICONST_0 + value);
    }
    if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      return new IntInsnNode(Opcodes.BIPUSH, value);
    }
    if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      return new IntInsnNode(Opcodes.SIPUSH, value);
    }
    return new LdcInsnNode(value);
  }

  /** {@code invokestatic Instrumented.name(desc)}. */
  public static MethodInsnNode callInstrumented(String name, String descriptor) {
    return callStatic(INSTRUMENTED, name, descriptor);
  }

  /** {@code invokestatic owner.name(desc)} of a class (not an interface). */
  public static MethodInsnNode callStatic(String owner, String name, String descriptor) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
  }

  /** Whether the opcode returns from the method. */
  public static boolean isReturn(int opcode) {
    return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
  }

  /** Whether the method is static. */
  public static boolean isStatic(MethodNode m) {
    return (m.access & Opcodes.ACC_STATIC) != 0;
  }

  /** The stack map type of a value of that type. */
  public static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      case Type.ARRAY:
        return type.getDescriptor();
      default:
        return type.getInternalName();
    }
  }

  /** The locals a method starts with: the receiver (if any), then the parameters. */
  public static List<Object> entryLocals(String owner, MethodNode m) {
    List<Object> locals = new ArrayList<>();
    if (!isStatic(m)) {
      locals.add(owner);
    }
    for (Type t : Type.getArgumentTypes(m.desc)) {
      locals.add(frameType(t));
    }
    return locals;
  }

  /** Slots a list of frame types takes (long and double take two). */
  public static int slots(List<Object> types) {
    int slots = 0;
    for (Object t : types) {
      slots += (t == Opcodes.LONG || t == Opcodes.DOUBLE) ? 2 : 1;
    }
    return slots;
  }

  /** {@code locals}, padded with TOP up to {@code base} slots, then {@code added}. */
  public static List<Object> extendLocals(List<Object> locals, int base, List<Object> added) {
    List<Object> out = new ArrayList<>(locals == null ? List.of() : locals);
    int slots = slots(out);
    while (slots < base) {
      out.add(Opcodes.TOP);
      slots++;
    }
    out.addAll(added);
    return out;
  }

  /** An expanded frame. */
  public static FrameNode frame(List<Object> locals, List<Object> stack) {
    return new FrameNode(
        Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray());
  }

  /** Whether the method's code carries stack map frames now. */
  public static boolean hasFrames(MethodNode m) {
    for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
      if (n instanceof FrameNode) {
        return true;
      }
    }
    return false;
  }

  /** Whether an instruction (not a label, line number or frame) lies between the two labels. */
  public static boolean hasCodeBetween(LabelNode start, LabelNode end) {
    for (AbstractInsnNode n = start.getNext(); n != null && n != end; n = n.getNext()) {
      if (n.getOpcode() >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the first node that is not a label or line number is a frame. */
  public static boolean startsWithFrame(InsnList code) {
    for (AbstractInsnNode n = code.getFirst(); n != null; n = n.getNext()) {
      if (n instanceof FrameNode) {
        return true;
      }
      if (n.getOpcode() >= 0) {
        return false;
      }
    }
    return false;
  }

  /** Loads the receiver (if any) and every parameter from its slot, starting at {@code first}. */
  public static void loadArguments(InsnList code, boolean withReceiver, Type[] args, int first) {
    int slot = first;
    if (withReceiver) {
      code.add(new VarInsnNode(Opcodes.ALOAD, slot++));
    }
    for (Type t : args) {
      code.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), slot));
      slot += t.getSize();
    }
  }

  /** Pushes the zero of a return type ({@code 0}, {@code false}, {@code null}) and returns it. */
  public static void returnZero(InsnList code, Type type) {
    switch (type.getSort()) {
      case Type.VOID:
        break;
      case Type.LONG:
        code.add(new InsnNode(Opcodes.LCONST_0));
        break;
      case Type.FLOAT:
        code.add(new InsnNode(Opcodes.FCONST_0));
        break;
      case Type.DOUBLE:
        code.add(new InsnNode(Opcodes.DCONST_0));
        break;
      case Type.OBJECT:
      case Type.ARRAY:
        code.add(new InsnNode(Opcodes.ACONST_NULL));
        break;
      default:
        code.add(new InsnNode(Opcodes.ICONST_0));
    }
    code.add(new InsnNode(type.getOpcode(Opcodes.IRETURN)));
  }

  /** The wrapper class of a primitive type's sort. */
  public static String boxOf(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
        return "java/lang/Boolean";
      case Type.CHAR:
        return "java/lang/Character";
      case Type.BYTE:
        return "java/lang/Byte";
      case Type.SHORT:
        return "java/lang/Short";
      case Type.INT:
        return "java/lang/Integer";
      case Type.FLOAT:
        return "java/lang/Float";
      case Type.LONG:
        return "java/lang/Long";
      case Type.DOUBLE:
        return "java/lang/Double";
      default:
        return null;
    }
  }

  /** {@code Wrapper.valueOf(primitive)}. */
  public static MethodInsnNode box(Type type) {
    String owner = boxOf(type);
    return new MethodInsnNode(
        Opcodes.INVOKESTATIC,
        owner,
        "valueOf",
        "(" + type.getDescriptor() + ")L" + owner + ";",
        false);
  }

  /** Turns the Object on the stack into the return type and returns it. */
  public static void unboxAndReturn(InsnList code, Type type) {
    if (type.getSort() == Type.VOID) {
      code.add(new InsnNode(Opcodes.POP));
      code.add(new InsnNode(Opcodes.RETURN));
      return;
    }
    String box = boxOf(type);
    if (box != null) {
      code.add(new org.objectweb.asm.tree.TypeInsnNode(Opcodes.CHECKCAST, box));
      code.add(
          new MethodInsnNode(
              Opcodes.INVOKEVIRTUAL,
              box,
              type.getClassName() + "Value",
              "()" + type.getDescriptor(),
              false));
    } else if (!type.getInternalName().equals("java/lang/Object")) {
      code.add(new org.objectweb.asm.tree.TypeInsnNode(Opcodes.CHECKCAST, type.getInternalName()));
    }
    code.add(new InsnNode(type.getOpcode(Opcodes.IRETURN)));
  }
}
