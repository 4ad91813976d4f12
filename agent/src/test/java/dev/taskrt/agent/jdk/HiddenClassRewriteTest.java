package dev.taskrt.agent.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.asm.Bytecode;
import dev.taskrt.agent.config.Warnings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The hidden-class rewrite of the running JDK's own {@code MethodHandles.Lookup}, through the
 * transformer: both public hidden-class methods start with {@code bytes = bytesToDefine(this,
 * bytes)}, every other method comes out as it went in, the class still verifies, and a {@code
 * Lookup} without both methods is reported and left unchanged.
 */
class HiddenClassRewriteTest {
  private static final String DEFINE = "defineHiddenClass" + HiddenClassRewrite.DEFINE_HIDDEN_CLASS;
  private static final String WITH_DATA =
      "defineHiddenClassWithClassData" + HiddenClassRewrite.WITH_CLASS_DATA;

  private final ByteArrayOutputStream warned = new ByteArrayOutputStream();
  private final JdkTransformer transformer =
      new JdkTransformer(
          false, true, new Warnings(new PrintStream(warned, true, StandardCharsets.UTF_8), false));

  private static byte[] lookupClass() throws Exception {
    try (InputStream in =
        Object.class.getResourceAsStream("/" + HiddenClassRewrite.LOOKUP + ".class")) {
      return in.readAllBytes();
    }
  }

  private byte[] transform(byte[] bytes) {
    return transformer.transform(null, null, HiddenClassRewrite.LOOKUP, null, null, bytes);
  }

  private static Map<String, MethodNode> methods(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    Map<String, MethodNode> byNameAndDescriptor = new HashMap<>();
    for (MethodNode m : node.methods) {
      byNameAndDescriptor.put(m.name + m.desc, m);
    }
    return byNameAndDescriptor;
  }

  /** The class with the named methods renamed, as a JDK that differs might have it. */
  private static byte[] renaming(byte[] bytes, Set<String> names) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            String kept = names.contains(name) ? name + "Renamed" : name;
            return super.visitMethod(access, kept, desc, signature, exceptions);
          }
        },
        0);
    return writer.toByteArray();
  }

  /** The first {@code count} instructions (not labels, line numbers or frames). */
  private static List<AbstractInsnNode> firstInstructions(MethodNode m, int count) {
    List<AbstractInsnNode> first = new java.util.ArrayList<>();
    for (AbstractInsnNode n = m.instructions.getFirst();
        n != null && first.size() < count;
        n = n.getNext()) {
      if (n.getOpcode() >= 0) {
        first.add(n);
      }
    }
    return first;
  }

  @Test
  void bothMethodsFirstPassTheirBytesThroughTheHookAndTheClassVerifies() throws Exception {
    byte[] original = lookupClass();
    byte[] patched = transform(original);

    assertThat(patched).isNotNull();
    assertThat(transformer.hiddenClassesRewritten()).isTrue();
    assertThat(warned.toString(StandardCharsets.UTF_8)).isEmpty();
    Map<String, MethodNode> before = methods(original);
    Map<String, MethodNode> after = methods(patched);
    assertThat(after.keySet()).isEqualTo(before.keySet()).contains(DEFINE, WITH_DATA);
    for (String method : before.keySet()) {
      MethodNode b = before.get(method);
      MethodNode a = after.get(method);
      if (method.equals(DEFINE) || method.equals(WITH_DATA)) {
        assertThat(a.instructions.size()).as(method).isEqualTo(b.instructions.size() + 4);
        List<AbstractInsnNode> first = firstInstructions(a, 4);
        assertThat(first)
            .extracting(AbstractInsnNode::getOpcode)
            .as(method)
            .containsExactly(Opcodes.ALOAD, Opcodes.ALOAD, Opcodes.INVOKESTATIC, Opcodes.ASTORE);
        assertThat(((VarInsnNode) first.get(0)).var).isZero();
        assertThat(((VarInsnNode) first.get(1)).var).isEqualTo(1);
        MethodInsnNode call = (MethodInsnNode) first.get(2);
        assertThat(call.owner + "." + call.name + call.desc)
            .isEqualTo(
                Bytecode.HIDDEN_CLASS_DEFINITIONS + ".bytesToDefine(Ljava/lang/Object;[B)[B");
        assertThat(((VarInsnNode) first.get(3)).var).isEqualTo(1);
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
  void aLookupWithoutTheMethodsIsReportedAndLeftUnchanged() throws Exception {
    byte[] differing =
        renaming(lookupClass(), Set.of("defineHiddenClass", "defineHiddenClassWithClassData"));

    assertThat(transform(differing)).isNull();
    assertThat(transformer.hiddenClassesRewritten()).isFalse();
    String printed = warned.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed)
        .startsWith("taskrt: this JDK's java.lang.invoke.MethodHandles$Lookup differs")
        .contains("promise");
  }

  @Test
  void aLookupWithOnlyOneOfTheMethodsIsLeftUnchanged() throws Exception {
    assertThat(transform(renaming(lookupClass(), Set.of("defineHiddenClassWithClassData"))))
        .isNull();
    assertThat(transformer.hiddenClassesRewritten()).isFalse();
    assertThat(warned.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }

  @Test
  void lookupIsNotTouchedUnlessAsked() throws Exception {
    JdkTransformer notAsked =
        new JdkTransformer(
            true,
            false,
            new Warnings(new PrintStream(warned, true, StandardCharsets.UTF_8), false));
    assertThat(notAsked.transform(null, null, HiddenClassRewrite.LOOKUP, null, null, lookupClass()))
        .isNull();
    assertThat(warned.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
