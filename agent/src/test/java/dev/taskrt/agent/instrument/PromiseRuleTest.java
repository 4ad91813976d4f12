package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.Warnings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The fourth rule ({@link PromiseRule}) over the classes of {@code itapps.promises}, given to one
 * rewriter in the order a JVM would load them: a small method whose calls all run methods that keep
 * a frame goes without one, the key it counts on is promised, and an override seen later gets a
 * frame; a call through an interface, of a constructor or of {@code hashCode} keeps the frame, and
 * so does a call whose key an unframed method already seen has, or whose class is not rewritten
 * yet.
 */
class PromiseRuleTest {
  private static final String LIB = "itapps/promises/lib/";

  private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
  private final Warnings warnings =
      new Warnings(new PrintStream(messages, true, StandardCharsets.UTF_8), false);
  private final PromiseBook book = new PromiseBook();
  private final ClassRewriter rewriter =
      new ClassRewriter(
          new Targets(
              AgentOptions.parse("frames=itapps.promises.lib.*[*]", new Properties()), null),
          false,
          warnings,
          PlanLog.QUIET,
          book);

  PromiseRuleTest() {
    book.startPromising();
  }

  private ClassNode load(String internalName) throws Exception {
    return load(internalName, null);
  }

  /**
   * Rewrites a class as the transformer does, of {@code loader} (null: no class files read ahead).
   */
  private ClassNode load(String internalName, ClassLoader loader) throws Exception {
    byte[] bytes;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      bytes = in.readAllBytes();
    }
    byte[] rewritten = rewriter.rewrite(internalName, bytes, false, false, loader);
    if (rewritten == null) {
      rewritten = rewriter.watch(internalName, bytes, false, loader);
    }
    ClassNode cn = new ClassNode();
    new ClassReader(rewritten == null ? bytes : rewritten).accept(cn, 0);
    return cn;
  }

  private static boolean framed(ClassNode cn, String name) {
    MethodNode m = cn.methods.stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode call && call.owner.equals(OutOfLineEntryPoints.FRAMES)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aMethodWhoseCallsRunOnlyFramedMethodsGoesWithoutAndTheOverridesSeenLaterAreFramed()
      throws Exception {
    load(LIB + "Node");
    assertThat(framed(load(LIB + "Chain"), "next")).isTrue();
    assertThat(framed(load(LIB + "Walker"), "step")).isFalse();
    assertThat(book.isPromised("next(I)I")).isTrue();

    assertThat(framed(load("itapps/promises/app/AppNode"), "next"))
        .as("outside the pattern, framed for the promise")
        .isTrue();
    assertThat(messages.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void interfacesConstructorsAndEveryObjectsMethodsKeepTheFrame() throws Exception {
    load(LIB + "Node");
    load(LIB + "Chain");
    ClassNode shapes = load(LIB + "Shapes");

    assertThat(framed(shapes, "viaInterface")).isTrue();
    assertThat(framed(shapes, "makes")).isTrue();
    assertThat(framed(shapes, "hashes")).isTrue();
    assertThat(framed(shapes, "twice")).isFalse();
  }

  @Test
  void aMethodCallingOnlyMethodsLeftOutBelowItGoesWithoutUpToTheHighestLevel() throws Exception {
    load(LIB + "Node");
    ClassNode levels = load(LIB + "Levels");

    assertThat(framed(levels, "inner")).as("level 1").isFalse();
    assertThat(framed(levels, "outer")).as("level 2").isFalse();
    assertThat(framed(levels, "third")).as("level 3").isFalse();
    assertThat(framed(levels, "fourth")).as("level 4").isFalse();
    assertThat(framed(levels, "deepest")).as("level 5, over the highest").isTrue();
    assertThat(framed(levels, "self")).as("calls its own key").isTrue();
  }

  @Test
  void aCallOfItsOwnKeyOnAClassItDoesNotExtendIsADelegationAndGoesWithout() throws Exception {
    assertThat(framed(load(LIB + "Relay"), "pass")).as("Delegate not known").isTrue();

    assertThat(framed(load(LIB + "Delegate"), "pass")).isFalse();
    assertThat(book.cap("pass(I)I")).isZero();
  }

  @Test
  void aCallOfItsOwnKeyThatResolvesToItselfThroughASubclassKeepsTheFrame() throws Exception {
    // Inner's class file, read ahead, declares no turn: resolution reaches Spiral, being planned
    ClassNode spiral = load(LIB + "Spiral", getClass().getClassLoader());

    assertThat(framed(spiral, "turn")).isTrue();
  }

  @Test
  void aCallOfAnEnumsOrdinalIsAClosedJdkCall() throws Exception {
    load(LIB + "Node");
    load(LIB + "Chain");

    assertThat(framed(load(LIB + "Switches", getClass().getClassLoader()), "byColour")).isFalse();
  }

  @Test
  void aPassThroughCountingOnAMethodLeftOutGoesOneLevelAboveIt() throws Exception {
    load(LIB + "Hop");
    ClassNode raise = load(LIB + "Raise");

    assertThat(framed(raise, "step")).as("level 1").isFalse();
    assertThat(framed(raise, "enter")).as("level 2").isFalse();
    assertThat(book.highestLevel("enter(Litapps/promises/lib/Hop;I)I")).isEqualTo(2);
  }

  @Test
  void aPassThroughWhoseKeyIsPromisedTooLowKeepsTheMethodItCountsOnFramed() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    load(LIB + "Hop");
    // Back first: Raise's class file is read ahead, enter counted on at level 0
    assertThat(framed(load(LIB + "Back", loader), "hop")).isFalse();
    ClassNode raise = load(LIB + "Raise", loader);

    assertThat(framed(raise, "step")).isTrue();
    assertThat(framed(raise, "enter")).as("a pass-through, counting on step's frame").isFalse();
  }

  @Test
  void aMethodThatATypeOutsideThePatternsDeclaresKeepsItsFrame() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    ClassNode entered = load(LIB + "Entered", loader);

    assertThat(framed(entered, "run")).as("Runnable.run: entered from outside").isTrue();
    assertThat(framed(entered, "first")).as("static: no other class dispatches to it").isFalse();
  }

  @Test
  void aMethodOfAKeyPromisedAtLevelZeroKeepsItsFrame() throws Exception {
    load(LIB + "Node");
    load(LIB + "Walker"); // step counts on every Node.next being base-safe
    ClassNode chain = load(LIB + "Chain");

    assertThat(framed(chain, "next")).as("it calls step, which is left out").isTrue();
    assertThat(book.cap("next(I)I")).isZero();
  }

  @Test
  void anExactCallFramesNoOtherMethodOfItsKey() throws Exception {
    load(LIB + "Node");
    load(LIB + "Chain");
    assertThat(framed(load(LIB + "Exact"), "viaExact")).isFalse();
    assertThat(book.isPromised("size()I")).isFalse();

    assertThat(framed(load("itapps/promises/app/Sized"), "size")).isFalse();
    assertThat(messages.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aCallToAMethodNoPatternNamesOfAClassReadAheadKeepsTheFrame() throws Exception {
    PromiseBook partial = new PromiseBook();
    partial.startPromising();
    ClassRewriter getters =
        new ClassRewriter(
            new Targets(
                AgentOptions.parse("frames=itapps.promises.lib.*[get*]", new Properties()), null),
            false,
            warnings,
            PlanLog.QUIET,
            partial);
    String getter = LIB + "Getter";
    byte[] bytes;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(getter + ".class")) {
      bytes = in.readAllBytes();
    }
    byte[] rewritten = getters.rewrite(getter, bytes, false, false, getClass().getClassLoader());
    ClassNode cn = new ClassNode();
    new ClassReader(rewritten).accept(cn, 0);

    assertThat(framed(cn, "getA")).as("Worker.compute will have no frame").isTrue();
  }

  @Test
  void aCallToASyntheticMethodOfAClassReadAheadKeepsTheFrame() throws Exception {
    byte[] synth = classWithStaticMethod(LIB + "Synth", "access$000", Opcodes.ACC_SYNTHETIC, null);
    byte[] caller = classWithStaticMethod(LIB + "Caller", "call", 0, LIB + "Synth");
    ClassLoader synthOnly =
        new ClassLoader(null) {
          @Override
          public InputStream getResourceAsStream(String name) {
            return name.equals(LIB + "Synth.class") ? new ByteArrayInputStream(synth) : null;
          }
        };
    ClassNode cn = new ClassNode();
    new ClassReader(rewriter.rewrite(LIB + "Caller", caller, false, false, synthOnly))
        .accept(cn, 0);

    assertThat(framed(cn, "call")).as("a synthetic method never gets a frame").isTrue();
  }

  /**
   * A class with one public static method {@code (I)I}: returning its argument plus one, or, with a
   * {@code callee} class, that class's {@code access$000} of its argument plus one.
   */
  private static byte[] classWithStaticMethod(
      String name, String method, int extraAccess, String callee) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    MethodVisitor mv =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | extraAccess, method, "(I)I", null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ILOAD, 0);
    if (callee != null) {
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, callee, "access$000", "(I)I", false);
    }
    mv.visitInsn(Opcodes.ICONST_1);
    mv.visitInsn(Opcodes.IADD);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void aCallIntoAClassNotRewrittenYetWhoseClassFileCannotBeReadKeepsTheFrame() throws Exception {
    assertThat(framed(load(LIB + "Walker"), "step")).as("Node not loaded yet").isTrue();
    assertThat(book.anyPromise()).isFalse();
  }

  @Test
  void aCallIntoAClassNotLoadedYetIsResolvedFromItsClassFileReadAhead() throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(framed(load(LIB + "Walker", loader), "step")).as("Node read ahead").isFalse();
    assertThat(book.isPromised("next(I)I")).isTrue();

    load(LIB + "Node", loader);
    assertThat(framed(load(LIB + "Chain", loader), "next")).isTrue();
    assertThat(messages.toString(StandardCharsets.UTF_8)).as("Node as read ahead").isEmpty();
  }

  @Test
  void aClassLoadedBeforeTheAgentIsNotResolvedThroughItsClassFile() throws Exception {
    book.recordLoadedBefore(LIB + "Node", null); // loaded, never rewritten
    ClassLoader loader = getClass().getClassLoader();

    assertThat(framed(load(LIB + "Walker", loader), "step")).isTrue();
  }

  @Test
  void aNameMadeUnresolvableStaysSoWhenItsClassIsRetransformed() throws Exception {
    book.recordLoadedBefore(LIB + "Node", null);
    byte[] node;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(LIB + "Node.class")) {
      node = in.readAllBytes();
    }
    rewriter.rewrite(LIB + "Node", node, false, true, null); // another agent retransforms it

    assertThat(framed(load(LIB + "Walker", getClass().getClassLoader()), "step")).isTrue();
  }

  @Test
  void aKeyAnUnframedMethodAlreadySeenHasIsNotPromised() throws Exception {
    // the application's node first, before the rule counted on anything: its next is unframed
    load(LIB + "Node");
    book.recordLoadedBefore("itapps/promises/app/Early", "next(I)I");
    load(LIB + "Chain");

    assertThat(framed(load(LIB + "Walker"), "step")).isTrue();
    assertThat(book.isPromised("next(I)I")).isFalse();
  }

  @Test
  void aMethodLeftOutOnAPromiseIsNotCountedOnByAnother() throws Exception {
    load(LIB + "Node");
    load(LIB + "Chain");
    load(LIB + "Walker");
    // Chain was rewritten before Walker: its next calls step, which is not base-safe now
    ClassNode again = load(LIB + "Chain");
    assertThat(framed(again, "next")).isTrue();
  }
}
