package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.Warnings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Under a wildcard {@code frames=} pattern, loop-free leaves get no frame and their size is folded
 * into their callers'; a recursive method is never such a leaf; a marked or exactly named method
 * always frames.
 */
class FrameWorthTest {
  private static final String APP = "itapps/frames/Recursions";

  private final Warnings warnings =
      new Warnings(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

  private static byte[] classBytes(String internalName) throws Exception {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }

  private static ClassNode read(byte[] bytes) {
    ClassNode cn = new ClassNode();
    new ClassReader(bytes).accept(cn, 0);
    return cn;
  }

  private static MethodNode method(ClassNode cn, String name) {
    return cn.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
  }

  /** The frame size the rewritten method passes to {@code frameIn}, or -1 if it has none. */
  private static int frameBytesPassed(MethodNode m) {
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode && isFrameEntry((MethodInsnNode) n)) {
        return (int) ((Long) ((LdcInsnNode) n.getPrevious()).cst >>> 32);
      }
    }
    return -1;
  }

  private static boolean isFrameEntry(MethodInsnNode call) {
    return call.name.equals("frameIn")
        || (call.owner.equals(OutOfLineEntryPoints.FRAMES) && call.name.equals("in"));
  }

  /** The class whose entry point the rewritten method calls, or null. */
  private static String entryOwner(MethodNode m) {
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode && isFrameEntry((MethodInsnNode) n)) {
        return ((MethodInsnNode) n).owner;
      }
    }
    return null;
  }

  private ClassNode rewrite(String frames) throws Exception {
    return rewrite(frames, APP);
  }

  @Test
  void aWildcardsFramesCallTheOutOfLineEntryPointsAndAMarkedFrameTheInlinableOnes()
      throws Exception {
    ClassNode rewritten = rewrite("itapps.frames.*[*];itapps.frames.Recursions[spin]");

    assertThat(entryOwner(method(rewritten, "walk"))).isEqualTo(OutOfLineEntryPoints.FRAMES);
    assertThat(entryOwner(method(rewritten, "marked")))
        .as("@Frame")
        .isEqualTo("dev/taskrt/internal/entry/Instrumented");
    assertThat(entryOwner(method(rewritten, "spin")))
        .as("named without a wildcard")
        .isEqualTo("dev/taskrt/internal/entry/Instrumented");
    assertThat(handlerOwner(method(rewritten, "walk"))).isEqualTo(OutOfLineEntryPoints.HANDLER);
    assertThat(handlerOwner(method(rewritten, "marked")))
        .isEqualTo("dev/taskrt/internal/entry/Instrumented");
  }

  /** The class whose entry point the rewritten method's handler calls, or null. */
  private static String handlerOwner(MethodNode m) {
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode call
          && (call.name.equals("thrown") || call.name.equals("frameThrown"))) {
        return call.owner;
      }
    }
    return null;
  }

  private ClassNode rewrite(String frames, String className) throws Exception {
    Targets targets = new Targets(AgentOptions.parse("frames=" + frames, new Properties()), null);
    byte[] rewritten =
        new ClassRewriter(targets, false, warnings)
            .rewrite(className, classBytes(className), false, false);
    assertThat(rewritten).isNotNull();
    return read(rewritten);
  }

  @Test
  void aMethodCallingOnlyExactlyWithinItsClassOrClosedJdkMethodsHasNoFrame() throws Exception {
    ClassNode original = read(classBytes(APP));
    ClassNode rewritten = rewrite("itapps.frames.*[*]");

    assertThat(frameBytesPassed(method(rewritten, "twice"))).as("calls a leaf").isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "clampLow"))).as("Math.max").isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "step"))).as("calls walk").isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "show")))
        .as("String.valueOf(Object) may call toString")
        .isPositive();
    assertThat(frameBytesPassed(method(rewritten, "walk")))
        .as("walk folds in step, which sits above it without a frame")
        .isEqualTo(
            ClassRewriter.frameBytes(method(original, "walk"))
                + ClassRewriter.frameBytes(method(original, "step")));
    for (String onACycle : List.of("ping", "pong", "down", "nest")) {
      assertThat(frameBytesPassed(method(rewritten, onACycle))).as(onACycle).isPositive();
    }
  }

  @Test
  void aSkippedCalleeTakesAwayTheCallersLeaveToGoWithoutAFrame() throws Exception {
    Targets targets =
        new Targets(AgentOptions.parse("frames=itapps.frames.*[*]", new Properties()), null);
    ClassNode cn = read(classBytes(APP));
    java.util.Map<String, MethodPlan> plans =
        new ClassPlanner(targets, false, warnings, PlanLog.QUIET).plan(cn, false, false).methods();
    FrameWorth.leaveOut(cn, plans, targets, java.util.Set.of());
    assertThat(plans.get("step(I)I").frameLeftOut).isEqualTo(PassThroughs.REASON);

    // a second attempt in which walk, which step calls, will not be rewritten at all
    FrameWorth.leaveOut(cn, plans, targets, java.util.Set.of("walk(I)I"));
    assertThat(plans.get("step(I)I").frame).isTrue();
    assertThat(plans.get("step(I)I").frameLeftOut).isNull();
  }

  @Test
  void aChainOverTheAllowanceKeepsItsFrame() throws Exception {
    ClassNode original = read(classBytes(APP));
    ClassNode rewritten = rewrite("itapps.frames.*[*]");
    int wide = ClassRewriter.frameBytes(method(original, "wide"));
    int widely = ClassRewriter.frameBytes(method(original, "widely"));
    assertThat(wide + widely).isGreaterThan(FrameWorth.LEAF_ALLOWANCE);

    assertThat(frameBytesPassed(method(rewritten, "wide"))).isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "widely"))).isEqualTo(widely + wide);
  }

  @Test
  void aVirtualCallThatAnOverrideMayAnswerKeepsTheFrame() throws Exception {
    ClassNode rewritten = rewrite("itapps.frames.*[*]", APP + "$Open");

    assertThat(frameBytesPassed(method(rewritten, "get"))).as("a leaf").isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "viaVirtual"))).isPositive();
    assertThat(frameBytesPassed(method(rewritten, "viaFinal"))).as("fixed is final").isEqualTo(-1);
  }

  @Test
  void verboseTellsEachFrameLeftOutAndWhy() throws Exception {
    Targets targets =
        new Targets(AgentOptions.parse("frames=itapps.frames.*[*]", new Properties()), null);
    List<String> lines = new ArrayList<>();
    PlanLog log =
        new PlanLog() {
          @Override
          public void rewrite(String method, String into, String askedBy) {
            lines.add("rewrite " + method + " " + into);
          }

          @Override
          public void skip(String method, String askedBy, String reason) {
            lines.add("skip " + method + ": " + reason);
          }
        };
    new ClassRewriter(targets, false, warnings, log).rewrite(APP, classBytes(APP), false, false);

    assertThat(lines)
        .contains(
            "skip itapps.frames.Recursions.inc(int): no frame needed: " + FrameWorth.LOOP_FREE_LEAF,
            "skip itapps.frames.Recursions.step(int): no frame needed: " + PassThroughs.REASON,
            "rewrite itapps.frames.Recursions.walk(int) frame",
            "rewrite itapps.frames.Recursions.checked(int) "
                + OneCallFrames.DESCRIPTION
                + " (itapps.frames.Recursions$Checks.reject)")
        .doesNotContain(
            "rewrite itapps.frames.Recursions.inc(int) frame",
            "rewrite itapps.frames.Recursions.step(int) frame");
  }

  @Test
  void aWildcardLeavesLoopFreeLeavesWithoutAFrameAndFoldsTheirSizeIntoTheirCallers()
      throws Exception {
    ClassNode original = read(classBytes(APP));
    ClassNode rewritten = rewrite("itapps.frames.*[*]");

    assertThat(frameBytesPassed(method(rewritten, "inc"))).isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "clampCount"))).isEqualTo(-1);
    assertThat(frameBytesPassed(method(rewritten, "marked"))).as("@Frame").isPositive();
    assertThat(frameBytesPassed(method(rewritten, "spin"))).as("has a loop").isPositive();
    for (String recursive : List.of("down", "ping", "pong", "nest", "main")) {
      assertThat(frameBytesPassed(method(rewritten, recursive))).as(recursive).isPositive();
    }
    int inc = ClassRewriter.frameBytes(method(original, "inc"));
    int clamp = ClassRewriter.frameBytes(method(original, "clampCount"));
    assertThat(frameBytesPassed(method(rewritten, "down")))
        .as("down calls the leaf inc")
        .isEqualTo(ClassRewriter.frameBytes(method(original, "down")) + inc);
    assertThat(frameBytesPassed(method(rewritten, "nest")))
        .as("nest calls the leaf clampCount")
        .isEqualTo(ClassRewriter.frameBytes(method(original, "nest")) + clamp);
    assertThat(frameBytesPassed(method(rewritten, "ping")))
        .as("ping calls pong, which keeps its frame")
        .isEqualTo(ClassRewriter.frameBytes(method(original, "ping")));
  }

  /**
   * Where a method framed at its one call enters its frame: the call its entry comes right before
   * ({@code owner.name}), or null when the entry is the method's first instruction (a frame on
   * entry) or there is none.
   */
  private static String framedCall(MethodNode m) {
    AbstractInsnNode first = m.instructions.getFirst();
    while (first != null && first.getOpcode() < 0) {
      first = first.getNext();
    }
    for (AbstractInsnNode n : m.instructions) {
      if (n instanceof MethodInsnNode && isFrameEntry((MethodInsnNode) n)) {
        if (n.getPrevious() == first) {
          return null;
        }
        AbstractInsnNode next = n.getNext(); // astore task
        do {
          next = next.getNext();
        } while (next.getOpcode() < 0);
        MethodInsnNode call = (MethodInsnNode) next;
        return call.owner + "." + call.name;
      }
    }
    return null;
  }

  @Test
  void aMethodWithOneCallThatNeedsAFrameIsFramedAtThatCall() throws Exception {
    ClassNode original = read(classBytes(APP));
    ClassNode rewritten = rewrite("itapps.frames.*[*]");

    assertThat(framedCall(method(rewritten, "checked")))
        .as("its one call is on the path it takes for a negative n")
        .isEqualTo(APP + "$Checks.reject");
    assertThat(framedCall(method(rewritten, "show"))).isEqualTo("java/lang/String.valueOf");
    assertThat(frameBytesPassed(method(rewritten, "checked")))
        .as("its own estimate, and a wildcard class's allowance for the call")
        .isEqualTo(
            ClassRewriter.frameBytes(method(original, "checked")) + FrameWorth.LEAF_ALLOWANCE);
    assertThat(framedCall(method(rewritten, "walk"))).as("has a loop").isNull();
    assertThat(frameBytesPassed(method(rewritten, "walk"))).isPositive();
    for (String callsItsClass : List.of("down", "ping", "pong", "nest")) {
      assertThat(framedCall(method(rewritten, callsItsClass)))
          .as(callsItsClass + ": its one call goes to a method of its class taken by the rule")
          .isNull();
      assertThat(frameBytesPassed(method(rewritten, callsItsClass))).isPositive();
    }
    assertThat(framedCall(method(rewrite("itapps.frames.*[*]", APP + "$Open"), "viaVirtual")))
        .isEqualTo(APP + "$Open.get");
    assertThat(framedCall(method(rewrite("itapps.frames.*[*]", APP + "$Echo"), "get")))
        .isEqualTo(APP + "$Echo.viaVirtual");
  }

  @Test
  void aMethodWithAHandlerOrACallToTaskrtKeepsItsFrameOnEntry() throws Exception {
    ClassNode rewritten = rewrite("itapps.frames.*[*]");
    for (String onEntry : List.of("safeShow", "hooked")) {
      assertThat(framedCall(method(rewritten, onEntry))).as(onEntry).isNull();
      assertThat(frameBytesPassed(method(rewritten, onEntry))).as(onEntry).isPositive();
    }
  }

  @Test
  void aPatternNamingTheMethodExactlyFramesEvenALeaf() throws Exception {
    ClassNode rewritten = rewrite("itapps.frames.*[*];itapps.frames.Recursions[inc]");

    assertThat(frameBytesPassed(method(rewritten, "inc"))).isPositive();
    assertThat(frameBytesPassed(method(rewritten, "clampCount"))).isEqualTo(-1);
  }

  @Test
  void theReasonALeafWasLeftOutIsKeptInItsPlan() throws Exception {
    ClassNode cn = read(classBytes(APP));
    MethodNode inc = method(cn, "inc");
    assertThat(FrameWorth.whyNoFrame(inc)).isEqualTo(FrameWorth.LOOP_FREE_LEAF);
    assertThat(FrameWorth.whyNoFrame(method(cn, "spin"))).isNull();
  }

  /**
   * A method that is part of a recursion calls (a cycle of calls needs a call in each of its
   * methods), and no method that calls is a loop-free leaf: checked over every method of the JDK's
   * {@code java.util} and {@code java.lang} and of the test application.
   */
  @Test
  void noMethodThatCallsIsEverALoopFreeLeaf() throws Exception {
    List<ClassNode> classes = new ArrayList<>();
    classes.add(read(classBytes(APP)));
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    for (String pkg : List.of("java/util", "java/lang")) {
      try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base", pkg))) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (p.toString().endsWith(".class")) {
            classes.add(read(Files.readAllBytes(p)));
          }
        }
      }
    }
    int leaves = 0;
    int callers = 0;
    for (ClassNode cn : classes) {
      for (MethodNode m : cn.methods) {
        boolean calls = false;
        for (AbstractInsnNode n : m.instructions) {
          calls |=
              n.getType() == AbstractInsnNode.METHOD_INSN
                  || n.getType() == AbstractInsnNode.INVOKE_DYNAMIC_INSN;
        }
        String why = FrameWorth.whyNoFrame(m);
        if (calls) {
          callers++;
          assertThat(why).as(cn.name + "." + m.name + m.desc).isNull();
        } else if (why != null) {
          leaves++;
          assertThat(m.instructions.toArray())
              .noneMatch(n -> n.getOpcode() == Opcodes.MONITORENTER);
        }
      }
    }
    assertThat(callers).isGreaterThan(1000);
    assertThat(leaves).isGreaterThan(100);
  }
}
