package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The agent jar as shipped: its layout, its relocations and its manifest. */
class AgentJarIT {
  @TempDir Path dir;

  /**
   * docs/AGENT.md: a renamed jar still works. Its manifest's Boot-Class-Path then finds nothing, so
   * the agent puts the jar on the boot class path itself; no class of taskrt may be left with a
   * copy in the application class loader.
   */
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aRenamedAgentJarRunsAnnotatedCodeAsTheShippedOneDoes(Jdk jdk) throws Exception {
    Path renamed = Files.createDirectories(dir.resolve("x")).resolve("my-agent.jar");
    Files.copy(AgentJvm.AGENT_JAR, renamed);
    Path recording = dir.resolve("renamed.jfr");

    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .withAgentJar(renamed)
            .agentOptions("jfr=" + recording)
            .run("itapps.AnnotatedApp", "task")
            .assertStatus(0);

    assertThat(result.err()).doesNotContain("could not start", "IllegalAccessError");
    assertThat(result.outLines())
        .containsSubsequence(
            "inside task worker parent main",
            "task returned 42",
            "caller caught IllegalStateException: task failed",
            "main returns");
    assertThat(AgentJvm.events(recording, "taskrt.TaskEnd"))
        .extracting(e -> e.getString("taskName") + " " + e.getString("outcome"))
        .contains("worker DONE", "AnnotatedApp.failingTask FAILED", "main DONE");
  }

  @Test
  void holdsNothingAtTheTopLevelButDevTaskrtAndMetaInf() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.AGENT_JAR.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      assertThat(names).isNotEmpty();
      assertThat(names)
          .allSatisfy(
              name ->
                  assertThat(
                          name.equals("dev/")
                              || name.startsWith("dev/taskrt/")
                              || name.startsWith("META-INF/"))
                      .as(name)
                      .isTrue());
    }
  }

  @Test
  void holdsOnlyTaskrtsClassesRelocatedAsmTheJfcAndTheManifest() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.AGENT_JAR.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      String shaded = "dev/taskrt/agent/shaded/";
      String asm = shaded + "org/objectweb/asm/";
      assertThat(names)
          .allSatisfy(
              name ->
                  assertThat(
                          name.endsWith("/") // the folders of the entries below
                              || name.equals("META-INF/MANIFEST.MF")
                              || name.equals("dev/taskrt/agent/taskrt.jfc")
                              || (name.startsWith(asm) && name.endsWith(".class"))
                              || (name.startsWith("dev/taskrt/")
                                  && !name.startsWith(shaded)
                                  && name.endsWith(".class")))
                      .as(name)
                      .isTrue())
          .noneMatch(n -> n.contains("bytebuddy") || n.contains("picocli"))
          .noneMatch(n -> n.contains("org/objectweb/asm") && !n.startsWith(asm))
          .noneMatch(n -> n.endsWith("module-info.class"))
          .contains(
              asm + "ClassReader.class",
              asm + "tree/ClassNode.class",
              "dev/taskrt/agent/taskrt.jfc",
              "dev/taskrt/Tasks.class",
              "dev/taskrt/internal/entry/Instrumented.class",
              "dev/taskrt/inspect/InspectCommand.class");
      long bytes = Files.size(AgentJvm.AGENT_JAR);
      System.out.printf(
          "agent jar: %,d entries (%,d of them relocated ASM), %,d bytes%n",
          names.size(), names.stream().filter(n -> n.startsWith(asm)).count(), bytes);
    }
  }

  @Test
  void manifestDeclaresTheAgentAndPutsTheJarItselfOnTheBootClassPath() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.AGENT_JAR.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("dev.taskrt.agent.TaskrtAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("dev.taskrt.agent.TaskrtAgent");
      assertThat(main.getValue("Main-Class")).isEqualTo("dev.taskrt.agent.TaskrtAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
      assertThat(main.getValue("Boot-Class-Path"))
          .isEqualTo(AgentJvm.AGENT_JAR.getFileName().toString());
    }
  }

  @Test
  void startsSilentlyWithNoClassSharingWarning() throws Exception {
    AgentJvm.Result result = AgentJvm.on(Jdk.CURRENT).run("itapps.AnnotatedApp").assertStatus(0);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void startsSilentlyOnTemurin25WithNoUnsafeWarning() throws Exception {
    AgentJvm.Result result = AgentJvm.on(Jdk.TEMURIN_25).run("itapps.AnnotatedApp").assertStatus(0);
    assertThat(result.err()).isEmpty();
  }

  static String joined(List<String> lines) {
    return lines.stream().collect(Collectors.joining("\n"));
  }
}
