package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.objectweb.asm.Opcodes.*;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.Warnings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The transformer's output, checked without the agent: ASM's {@link CheckClassAdapter} verifies
 * every rewritten class of the integration tests' applications, and classes of old class file
 * versions are rewritten, defined and run here (so the JVM's own verifier checks them too).
 */
class ClassRewriterTest {
  private final ByteArrayOutputStream warningText = new ByteArrayOutputStream();
  private final Warnings warnings =
      new Warnings(new PrintStream(warningText, true, StandardCharsets.UTF_8), false);

  private String warnings() {
    return warningText.toString(StandardCharsets.UTF_8);
  }

  private static byte[] classBytes(String name) throws Exception {
    try (InputStream in =
        ClassRewriterTest.class
            .getClassLoader()
            .getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static String verify(byte[] bytes) {
    StringWriter out = new StringWriter();
    CheckClassAdapter.verify(
        new ClassReader(bytes),
        ClassRewriterTest.class.getClassLoader(),
        false,
        new PrintWriter(out));
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "itapps.AnnotatedApp",
        "itapps.ImpossibleTargets",
        "itapps.ChildFirstApp$ChildFirstLoader",
        "itapps.plain.PlainService"
      })
  void everyRewrittenTestApplicationClassPassesTheVerifier(String className) throws Exception {
    AgentOptions options =
        AgentOptions.parse(
            "tasks=itapps.plain.*[handle*],spawn=itapps.plain.*[startJob],"
                + "boundaries=itapps.plain.*[parseGuarded],foreign=itapps.plain.*[callNative],"
                + "frames=itapps.plain.*[step,main]",
            new Properties());
    ClassRewriter rewriter =
        new ClassRewriter(new Targets(options, className.replace('.', '/')), true, warnings);

    byte[] rewritten =
        rewriter.rewrite(className.replace('.', '/'), classBytes(className), true, false);

    assertThat(rewritten).as("rewritten").isNotNull();
    assertThat(verify(rewritten)).isEmpty();
  }

  /** A class of the given version with a branchy {@code @Frame} method and a try/catch one. */
  private static byte[] oldClass(int version, String name) {
    ClassWriter cw =
        new ClassWriter(version >= V1_7 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS);
    cw.visit(version, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);

    MethodVisitor clamp = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "clamp", "(I)I", null, null);
    clamp.visitAnnotation("Ldev/taskrt/Frame;", true).visitEnd();
    clamp.visitCode();
    Label positive = new Label();
    Label small = new Label();
    clamp.visitVarInsn(ILOAD, 0);
    clamp.visitJumpInsn(IFGE, positive);
    clamp.visitInsn(ICONST_0);
    clamp.visitInsn(IRETURN);
    clamp.visitLabel(positive);
    clamp.visitVarInsn(ILOAD, 0);
    clamp.visitIntInsn(BIPUSH, 100);
    clamp.visitJumpInsn(IF_ICMPLE, small);
    clamp.visitIntInsn(BIPUSH, 100);
    clamp.visitInsn(IRETURN);
    clamp.visitLabel(small);
    clamp.visitVarInsn(ILOAD, 0);
    clamp.visitInsn(IRETURN);
    clamp.visitMaxs(0, 0);
    clamp.visitEnd();

    MethodVisitor parse =
        cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "parse", "(Ljava/lang/String;)I", null, null);
    parse.visitAnnotation("Ldev/taskrt/Boundary;", true).visitEnd();
    parse.visitCode();
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    parse.visitTryCatchBlock(start, end, handler, "java/lang/NumberFormatException");
    parse.visitLabel(start);
    parse.visitVarInsn(ALOAD, 0);
    parse.visitMethodInsn(
        INVOKESTATIC, "java/lang/Integer", "parseInt", "(Ljava/lang/String;)I", false);
    parse.visitLabel(end);
    parse.visitInsn(IRETURN);
    parse.visitLabel(handler);
    parse.visitVarInsn(ASTORE, 1);
    parse.visitInsn(ICONST_M1);
    parse.visitInsn(IRETURN);
    parse.visitMaxs(0, 0);
    parse.visitEnd();

    MethodVisitor moved = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "spawned", "()V", null, null);
    moved.visitAnnotation("Ldev/taskrt/Spawn;", true).visitEnd();
    moved.visitCode();
    moved.visitInsn(RETURN);
    moved.visitMaxs(0, 0);
    moved.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static final class DefiningLoader extends ClassLoader {
    DefiningLoader() {
      super(ClassRewriterTest.class.getClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {V1_4, V1_6, V1_7, V1_8, V17})
  void classFilesOfEveryVersionAreRewrittenIntoClassesTheJvmVerifiesAndRuns(int version)
      throws Exception {
    String name = "old/V" + (version & 0xFFFF);
    ClassRewriter rewriter =
        new ClassRewriter(new Targets(AgentOptions.none(), null), true, warnings);

    byte[] rewritten = rewriter.rewrite(name, oldClass(version, name), false, false);

    assertThat(rewritten).isNotNull();
    assertThat(new String(rewritten, StandardCharsets.ISO_8859_1)).contains("frameIn");
    Class<?> c = new DefiningLoader().define(name.replace('/', '.'), rewritten);
    Method clamp = c.getMethod("clamp", int.class);
    assertThat(clamp.invoke(null, -5)).isEqualTo(0);
    assertThat(clamp.invoke(null, 500)).isEqualTo(100);
    assertThat(clamp.invoke(null, 42)).isEqualTo(42);
    Method parse = c.getMethod("parse", String.class);
    assertThat(parse.invoke(null, "17")).isEqualTo(17);
    assertThat(parse.invoke(null, "x")).isEqualTo(-1);
    if (version < V1_8) {
      assertThat(warnings())
          .contains(
              "skipped @Spawn on "
                  + name.replace('/', '.')
                  + ".spawned(): its class file (version "
                  + (version & 0xFFFF)
                  + ") is older than Java 8");
    } else {
      assertThat(warnings()).isEmpty();
      c.getMethod("spawned").invoke(null);
    }
  }

  @Test
  void aMethodThatWouldGrowPastTheCodeLimitIsLeftUnchangedWithAWarning() throws Exception {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, "big/Big", null, "java/lang/Object", null);
    MethodVisitor big = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "big", "()I", null, null);
    big.visitAnnotation("Ldev/taskrt/Frame;", true).visitEnd();
    big.visitCode();
    big.visitInsn(ICONST_0);
    big.visitVarInsn(ISTORE, 0);
    for (int i = 0; i < 21_840; i++) {
      big.visitIincInsn(0, 1);
    }
    big.visitVarInsn(ILOAD, 0);
    big.visitInsn(IRETURN);
    big.visitMaxs(0, 0);
    big.visitEnd();
    MethodVisitor small = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "small", "()I", null, null);
    small.visitAnnotation("Ldev/taskrt/Frame;", true).visitEnd();
    small.visitCode();
    small.visitInsn(ICONST_1);
    small.visitInsn(IRETURN);
    small.visitMaxs(0, 0);
    small.visitEnd();
    cw.visitEnd();
    ClassRewriter rewriter =
        new ClassRewriter(new Targets(AgentOptions.none(), null), true, warnings);

    byte[] rewritten = rewriter.rewrite("big/Big", cw.toByteArray(), false, false);

    assertThat(warnings())
        .startsWith("taskrt: left big.Big.big() unchanged: rewritten it would be ")
        .contains("over the JVM's limit of 65535");
    Class<?> c = new DefiningLoader().define("big.Big", rewritten);
    assertThat(c.getMethod("big").invoke(null)).isEqualTo(21_840);
    assertThat(c.getMethod("small").invoke(null)).isEqualTo(1);
    assertThat(verify(rewritten)).isEmpty();
  }

  @Test
  void aClassThatCannotBeRewrittenLoadsUnchangedAfterOneWarning() throws Exception {
    byte[] bytes = classBytes("itapps.AnnotatedApp");
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 40);
    ClassTransformer transformer =
        new ClassTransformer(new Targets(AgentOptions.none(), null), true, warnings, null);

    byte[] result =
        transformer.transform(
            null, getClass().getClassLoader(), "itapps/AnnotatedApp", null, null, truncated);

    assertThat(result).isNull();
    assertThat(warnings().lines())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith(
                        "taskrt: left class itapps.AnnotatedApp unchanged: rewriting it failed with "));
  }

  @Test
  void theConstantPoolScanFindsAnnotationsAndPassesOverPlainClasses() throws Exception {
    assertThat(ClassScanner.scan(classBytes("itapps.AnnotatedApp")) & ClassScanner.ANNOTATIONS)
        .isNotZero();
    assertThat(ClassScanner.scan(classBytes("itapps.plain.PlainService"))).isZero();
    assertThat(
            ClassScanner.scan(classBytes("itapps.ChildFirstApp$ChildFirstLoader"))
                & ClassScanner.LOAD_CLASS)
        .isNotZero();
  }

  @Test
  void applicationCodeInOtherDevTaskrtPackagesIsRewrittenButNotTheRuntimeOrTheAgent() {
    assertThat(ClassTransformer.isPlatformOrAgentClass("dev/taskrt/Tasks")).isTrue();
    assertThat(ClassTransformer.isPlatformOrAgentClass("dev/taskrt/internal/TaskContext")).isTrue();
    assertThat(
            ClassTransformer.isPlatformOrAgentClass(
                "dev/taskrt/agent/shaded/org/objectweb/asm/Type"))
        .isTrue();
    assertThat(ClassTransformer.isPlatformOrAgentClass("dev/taskrt/samples/Crawler")).isFalse();
    assertThat(ClassTransformer.isPlatformOrAgentClass("dev/taskrt/bench/agent/Calls")).isFalse();
  }
}
