package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent jar as shipped: its layout, its relocations and its manifest. */
class AgentJarIT {
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
  void carriesByteBuddyAndAsmOnlyRelocatedAndNoModuleDescriptors() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.AGENT_JAR.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      assertThat(names)
          .noneMatch(n -> n.contains("net/bytebuddy") && !n.startsWith("dev/taskrt/agent/shaded/"))
          .noneMatch(
              n -> n.contains("org/objectweb/asm") && !n.startsWith("dev/taskrt/agent/shaded/"))
          .noneMatch(n -> n.endsWith("module-info.class"));
      assertThat(names)
          .contains(
              "dev/taskrt/agent/shaded/net/bytebuddy/ByteBuddy.class",
              "dev/taskrt/agent/shaded/org/objectweb/asm/ClassReader.class",
              "dev/taskrt/agent/taskrt.jfc",
              "dev/taskrt/Tasks.class",
              "dev/taskrt/internal/entry/Instrumented.class");
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
