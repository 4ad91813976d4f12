package dev.taskrt.agent.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.asm.MethodPatcher;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The exit-path rewrite of the running JDK's own {@code java.lang.Runtime}, through {@link
 * MethodPatcher}: only {@code exit(int)} changes, every other method comes out as it went in, and
 * the class still verifies.
 */
class ExitPathRewriteTest {
  private static byte[] jdkClass(String internalName) throws Exception {
    try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
      return in.readAllBytes();
    }
  }

  private static Map<String, MethodNode> methods(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    Map<String, MethodNode> byName = new HashMap<>();
    for (MethodNode m : node.methods) {
      byName.put(m.name + m.desc, m);
    }
    return byName;
  }

  @Test
  void onlyTheChosenMethodChangesAndTheClassVerifies() throws Exception {
    byte[] original = jdkClass(ExitPathRewrite.RUNTIME);
    ClassReader reader = new ClassReader(original);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    MethodPatcher patcher = ExitPathRewrite.patcher(writer);
    reader.accept(patcher, ClassReader.EXPAND_FRAMES);
    byte[] patched = writer.toByteArray();

    assertThat(patcher.changed()).isEqualTo(1);
    Map<String, MethodNode> before = methods(original);
    Map<String, MethodNode> after = methods(patched);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String method : before.keySet()) {
      MethodNode b = before.get(method);
      MethodNode a = after.get(method);
      if (method.equals("exit(I)V")) {
        assertThat(a.tryCatchBlocks).hasSize(b.tryCatchBlocks.size() + 1);
        assertThat(a.instructions.size()).isGreaterThan(b.instructions.size());
      } else {
        assertThat(a.instructions.size()).as(method).isEqualTo(b.instructions.size());
        assertThat(a.maxStack).as(method).isEqualTo(b.maxStack);
      }
    }
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(patched), false, new PrintWriter(problems));
    assertThat(problems.toString()).isEmpty();
  }

  @Test
  void aClassWithoutTheMethodIsReportedUnchanged() throws Exception {
    byte[] original = jdkClass("java/lang/Object");
    ClassReader reader = new ClassReader(original);
    MethodPatcher patcher =
        ExitPathRewrite.patcher(new ClassWriter(reader, ClassWriter.COMPUTE_MAXS));
    reader.accept(patcher, ClassReader.EXPAND_FRAMES);
    assertThat(patcher.changed()).isZero();
  }
}
