package dev.taskrt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCodeOffC2Test {
  @Test
  void c2IsTheOnlyCompilerWithoutTieredCompilationOrInHighOnlyMode() {
    assertThat(AgentCodeOffC2.c2Only("-XX:CICompilerCount=2 -XX:-TieredCompilation -XX:+UseG1GC"))
        .contains("-XX:-TieredCompilation");
    assertThat(AgentCodeOffC2.c2Only("-XX:CompilationMode=high-only -XX:+UseG1GC"))
        .contains("-XX:CompilationMode=high-only");
    assertThat(AgentCodeOffC2.c2Only("-XX:CompilationMode=high-only-quick-internal\n"))
        .contains("-XX:CompilationMode=high-only-quick-internal");
  }

  @Test
  void otherwiseC1IsThere() {
    assertThat(AgentCodeOffC2.c2Only("-XX:CICompilerCount=2 -XX:+UseG1GC")).isEmpty();
    assertThat(AgentCodeOffC2.c2Only("-XX:TieredStopAtLevel=1 -XX:+TieredCompilation")).isEmpty();
    assertThat(AgentCodeOffC2.c2Only("-XX:CompilationMode=quick-only")).isEmpty();
    assertThat(AgentCodeOffC2.c2Only("")).isEmpty();
  }

  @Test
  void theDirectiveNamesTheAgentsClassesAndC2Only() {
    assertThat(AgentCodeOffC2.DIRECTIVE)
        .contains("match: \"dev/taskrt/agent/*.*\"")
        .contains("c2: { Exclude: true }")
        .doesNotContain("c1");
  }
}
