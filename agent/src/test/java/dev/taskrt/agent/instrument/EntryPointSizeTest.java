package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The runtime's entry points on the path of every instrumented frame, and what they call on the
 * fast path, stay under C1's inlining limit ({@code MaxInlineSize}, 35 bytes of bytecode): the
 * compiled caller then carries the frame's accounting inline instead of calling out (DESIGN §7).
 * Reads the runtime's class files with ASM and sums each method's instruction sizes (an upper bound
 * of its code length).
 */
class EntryPointSizeTest {
  /** C1 inlines callees of fewer bytes than this ({@code -XX:MaxInlineSize}, default 35). */
  private static final int MAX_INLINE_SIZE = 35;

  @ParameterizedTest(name = "{0}.{1} is under 35 bytes of bytecode")
  @CsvSource({
    "dev/taskrt/internal/entry/Instrumented, frameIn",
    "dev/taskrt/internal/entry/Instrumented, frameOut",
    "dev/taskrt/internal/entry/Instrumented, frameThrown",
    "dev/taskrt/internal/CurrentTask, get",
    "dev/taskrt/internal/ThreadSlots, get",
    "dev/taskrt/internal/TaskStack, enterFrame",
    "dev/taskrt/internal/TaskStack, exitFrame",
  })
  void staysInlinable(String owner, String method) throws Exception {
    MethodNode m = method(owner, method);
    assertThat(codeSize(m))
        .as("bytes of bytecode of %s.%s%s", owner, method, m.desc)
        .isLessThan(MAX_INLINE_SIZE);
  }

  private static MethodNode method(String owner, String name) throws Exception {
    ClassNode cn = new ClassNode();
    try (InputStream in = ClassLoader.getSystemResourceAsStream(owner + ".class")) {
      assertThat(in).as("class file of " + owner).isNotNull();
      new ClassReader(in).accept(cn, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }
    MethodNode found = null;
    for (MethodNode m : cn.methods) {
      if (m.name.equals(name)) {
        assertThat(found).as("one method named " + name + " in " + owner).isNull();
        found = m;
      }
    }
    assertThat(found).as(owner + "." + name).isNotNull();
    return found;
  }

  /** The method's code length as the class writer emits it, counting LDC at its widest. */
  static int codeSize(MethodNode m) {
    int size = 0;
    for (AbstractInsnNode n : m.instructions) {
      if (n.getOpcode() >= 0) {
        size += size(n, size);
      }
    }
    return size;
  }

  private static int size(AbstractInsnNode n, int offset) {
    switch (n.getType()) {
      case AbstractInsnNode.INSN:
        return 1;
      case AbstractInsnNode.INT_INSN:
        return ((IntInsnNode) n).getOpcode() == Opcodes.SIPUSH ? 3 : 2;
      case AbstractInsnNode.VAR_INSN:
        int var = ((VarInsnNode) n).var;
        return n.getOpcode() != Opcodes.RET && var < 4 ? 1 : var < 256 ? 2 : 4;
      case AbstractInsnNode.IINC_INSN:
        IincInsnNode iinc = (IincInsnNode) n;
        return iinc.var < 256 && iinc.incr >= -128 && iinc.incr <= 127 ? 3 : 6;
      case AbstractInsnNode.TYPE_INSN:
      case AbstractInsnNode.FIELD_INSN:
        return 3;
      case AbstractInsnNode.METHOD_INSN:
        return ((MethodInsnNode) n).getOpcode() == Opcodes.INVOKEINTERFACE ? 5 : 3;
      case AbstractInsnNode.INVOKE_DYNAMIC_INSN:
        return 5;
      case AbstractInsnNode.JUMP_INSN:
        return 3;
      case AbstractInsnNode.LDC_INSN:
        return 3;
      case AbstractInsnNode.TABLESWITCH_INSN:
        {
          TableSwitchInsnNode t = (TableSwitchInsnNode) n;
          return 1 + (3 - offset % 4) + 12 + 4 * t.labels.size();
        }
      case AbstractInsnNode.LOOKUPSWITCH_INSN:
        {
          LookupSwitchInsnNode l = (LookupSwitchInsnNode) n;
          return 1 + (3 - offset % 4) + 8 + 8 * l.keys.size();
        }
      case AbstractInsnNode.MULTIANEWARRAY_INSN:
        return 4;
      default:
        throw new AssertionError("unexpected instruction type " + n.getType());
    }
  }
}
