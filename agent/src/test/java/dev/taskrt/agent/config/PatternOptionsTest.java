package dev.taskrt.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Options in braces after patterns and mappings: parsed, checked per annotation kind. */
class PatternOptionsTest {
  @Test
  void commasInsideBracesBelongToTheValue() {
    assertThat(
            AgentOptions.splitEntries(
                "tasks=a.B[x,y]{mode=supervised,name=order},jfr=f.jfr,spawn=c.D[z]{weak=true}"))
        .containsExactly(
            "tasks=a.B[x,y]{mode=supervised,name=order}", "jfr=f.jfr", "spawn=c.D[z]{weak=true}");
  }

  @Test
  void aPatternKeepsItsTextAndItsCheckedOptions() {
    AgentOptions options =
        AgentOptions.parse(
            "tasks=com.acme.*Service[handle*]{mode=supervised,name=order,stackLimit=256k};"
                + "com.acme.Other[run]",
            new Properties());
    List<MethodPattern> patterns = options.patterns(OptionKey.TASKS);
    assertThat(patterns).hasSize(2);
    assertThat(patterns.get(0).text()).isEqualTo("com.acme.*Service[handle*]");
    assertThat(patterns.get(0).options().values())
        .containsExactly(
            Map.entry("mode", "SUPERVISED"),
            Map.entry("name", "order"),
            Map.entry("stackLimit", "256k"));
    assertThat(patterns.get(0).matchesClass("com.acme.OrderService")).isTrue();
    assertThat(patterns.get(1).options()).isEqualTo(PatternOptions.NONE);
    assertThat(options.problems()).isEmpty();
    assertThat(options.braceProblems()).isEmpty();
  }

  @Test
  void validKeysAreTheAnnotationsOwnElements() {
    assertThat(PatternOptions.parse("weak=true,scheduler=platform", "Spawn").problem()).isNull();
    assertThat(PatternOptions.parse("weak=true", "Task").problem())
        .isEqualTo("'weak' is not an element of @Task; valid: name, mode, stackLimit, stackSize");
    assertThat(PatternOptions.parse("headroom=8k", "Foreign").values())
        .containsEntry("headroom", "8k");
    assertThat(PatternOptions.parse("headroom=8k,stackSize=8m", "Foreign").values())
        .containsEntry("stackSize", "8m");
    assertThat(PatternOptions.parse("mode=linked", "Foreign").problem())
        .isEqualTo("'mode' is not an element of @Foreign; valid: headroom, stackSize");
    assertThat(PatternOptions.parse("fallback=safe", "Boundary").values())
        .containsEntry("fallback", "safe");
    assertThat(PatternOptions.parse("name=x", "Frame").problem())
        .isEqualTo("'name' is not an element of @Frame, which has none");
  }

  @Test
  void aBadValueDropsTheBracesAndIsReportedOnceNamingThePattern() {
    AgentOptions options =
        AgentOptions.parse("spawn=com.acme.Mailer[send]{weak=maybe,name=mail}", new Properties());
    MethodPattern p = options.patterns(OptionKey.SPAWN).get(0);
    assertThat(p.options().isEmpty()).isTrue();
    assertThat(options.problems()).isEmpty();
    assertThat(options.braceProblems())
        .containsExactly(
            "taskrt: option spawn, pattern 'com.acme.Mailer[send]' in agent options: the braces"
                + " are not valid: weak='maybe' is not valid; expected true or false; the pattern"
                + " applies with the annotation's defaults");
  }

  @Test
  void stackSizesAndModesAreChecked() {
    assertThat(PatternOptions.parse("stackLimit=12q", "Task").problem())
        .startsWith("stackLimit='12q' is not valid; expected a size");
    assertThat(PatternOptions.parse("mode=Unlinked", "Task").values())
        .containsEntry("mode", "UNLINKED");
    assertThat(PatternOptions.parse("mode=linked,mode=unlinked", "Task").problem())
        .isEqualTo("mode is given twice");
    assertThat(PatternOptions.parse("name", "Task").problem()).startsWith("name has no value");
  }

  @Test
  void unbalancedBracesMakeThePatternInvalid() {
    assertThatThrownBy(() -> MethodPattern.parseList("a.B[x]{mode=linked", "Task"))
        .hasMessageContaining("unbalanced braces");
    assertThatThrownBy(() -> MethodPattern.parseList("a.B[x]mode=linked}", "Task"))
        .hasMessageContaining("'}' without '{'");
  }

  @Test
  void aMappingTakesBracesToo() {
    AnnotationMapping mapping =
        AnnotationMapping.parse("org.acme.Async=Spawn{mode=unlinked};org.acme.Traced=Frame");
    assertThat(mapping.kindOf("Lorg/acme/Async;")).isEqualTo("Spawn");
    assertThat(mapping.optionsOf("Lorg/acme/Async;").values()).containsEntry("mode", "UNLINKED");
    assertThat(mapping.optionsOf("Lorg/acme/Traced;")).isEqualTo(PatternOptions.NONE);
    assertThat(AnnotationMapping.parse("org.acme.Async=Spawn{mode=never}").problems())
        .containsEntry(
            "org.acme.Async=Spawn",
            "mode='never' is not valid; expected linked, supervised or unlinked");
  }
}
