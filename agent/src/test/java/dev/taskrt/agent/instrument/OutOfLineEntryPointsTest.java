package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The runtime's wildcard entry points get the JDK's {@code DontInline} mark, and nothing else. */
class OutOfLineEntryPointsTest {
  @Test
  void everyStaticMethodOfWildcardFramesIsMarkedNotToBeInlined() throws Exception {
    assertThat(markedMethods(OutOfLineEntryPoints.FRAMES)).isEqualTo(2);
  }

  @Test
  void theHandlersEntryPointIsMarkedToo() throws Exception {
    assertThat(markedMethods(OutOfLineEntryPoints.HANDLER)).isEqualTo(1);
  }

  @Test
  void onlyTheTwoClassesAreMarked() {
    assertThat(OutOfLineEntryPoints.marks(OutOfLineEntryPoints.FRAMES)).isTrue();
    assertThat(OutOfLineEntryPoints.marks(OutOfLineEntryPoints.HANDLER)).isTrue();
    assertThat(OutOfLineEntryPoints.marks("dev/taskrt/internal/entry/Instrumented")).isFalse();
    assertThat(OutOfLineEntryPoints.marks("dev/taskrt/internal/entry/WildcardFramesX")).isFalse();
    assertThat(OutOfLineEntryPoints.marks("java/lang/String")).isFalse();
  }

  /** Marks the class, checks nothing but the annotations changed, and counts the marked methods. */
  private static int markedMethods(String internalName) throws Exception {
    byte[] original;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      original = in.readAllBytes();
    }
    ClassNode marked = new ClassNode();
    new ClassReader(OutOfLineEntryPoints.mark(original)).accept(marked, 0);
    ClassNode before = new ClassNode();
    new ClassReader(original).accept(before, 0);

    assertThat(marked.methods).hasSameSizeAs(before.methods);
    int markedMethods = 0;
    for (MethodNode m : marked.methods) {
      boolean dontInline =
          m.visibleAnnotations != null
              && m.visibleAnnotations.stream()
                  .map((AnnotationNode a) -> a.desc)
                  .anyMatch(OutOfLineEntryPoints.DONT_INLINE::equals);
      assertThat(dontInline).as(m.name).isEqualTo(!m.name.startsWith("<"));
      markedMethods += dontInline ? 1 : 0;
    }
    return markedMethods;
  }
}
