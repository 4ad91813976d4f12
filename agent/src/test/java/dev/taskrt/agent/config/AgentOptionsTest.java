package dev.taskrt.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.SpawnMode;
import dev.taskrt.internal.RuntimeSettings;
import dev.taskrt.internal.RuntimeSettings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {
  @TempDir Path dir;

  @Test
  void commasInsideBracketsBelongToThePattern() {
    assertThat(AgentOptions.splitEntries("frames=a.B[x,y];c.D[*],strict=true, main=off"))
        .containsExactly("frames=a.B[x,y];c.D[*]", "strict=true", "main=off");
  }

  @Test
  void agentArgumentsWinOverTheConfigFileWhichWinsOverSystemProperties() throws Exception {
    Path config = dir.resolve("t.properties");
    Files.writeString(config, "frames=file.F[f]\ntasks=file.T[t]\n");
    Properties system = new Properties();
    system.setProperty("taskrt.frames", "sys.F[f]");
    system.setProperty("taskrt.tasks", "sys.T[t]");
    system.setProperty("taskrt.spawn", "sys.S[s]");

    AgentOptions options = AgentOptions.parse("frames=args.F[f],config=" + config, system);

    assertThat(options.problems()).isEmpty();
    assertThat(options.get(OptionKey.FRAMES).orElseThrow().text()).isEqualTo("args.F[f]");
    assertThat(options.get(OptionKey.TASKS).orElseThrow().text()).isEqualTo("file.T[t]");
    assertThat(options.get(OptionKey.TASKS).orElseThrow().source())
        .isEqualTo(ParsedOption.Source.CONFIG_FILE);
    assertThat(options.get(OptionKey.SPAWN).orElseThrow().source())
        .isEqualTo(ParsedOption.Source.SYSTEM_PROPERTY);
  }

  @Test
  void aBadOptionIsKeptWithItsKeyTextAndProblemAndLeftOut() {
    AgentOptions options = AgentOptions.parse("stackLimit=lots,main=off", new Properties());

    assertThat(options.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.key()).isEqualTo(OptionKey.STACK_LIMIT);
              assertThat(p.text()).isEqualTo("lots");
              assertThat(p.problem()).isEqualTo("not a size");
            });
    assertThat(options.get(OptionKey.STACK_LIMIT)).isEmpty();
    assertThat(options.mainAsRootTask()).isFalse();
  }

  @Test
  void theKernelGetsValidSettingsTypedAndTheDefaultInPlaceOfABadOne() {
    Properties system = new Properties();
    system.setProperty("taskrt.shutdownTimeout", "whenever");
    AgentOptions options = AgentOptions.parse("stackLimit=1m,doubleFailure=boom", system);

    RuntimeSettings settings = options.runtimeSettings();

    assertThat(settings.stackLimit()).isEqualTo(1024L * 1024);
    assertThat(settings.doubleFailure()).isEqualTo(RuntimeSettings.DEFAULTS.doubleFailure());
    assertThat(settings.shutdownTimeout()).isEqualTo(RuntimeSettings.DEFAULTS.shutdownTimeout());
    assertThat(settings.stackSegment()).isEqualTo(RuntimeSettings.DEFAULTS.stackSegment());
    assertThat(options.problems())
        .extracting(ParsedOption::keyText)
        .containsExactly("doubleFailure", "shutdownTimeout");
  }

  @Test
  void aBadRuntimeSettingFromASystemPropertyIsOneProblemOfTheAgentsAndTheKernelGetsTheDefault() {
    Properties system = new Properties();
    system.setProperty("taskrt.stackSegment", "0");
    AgentOptions options = AgentOptions.parse(null, system);

    assertThat(options.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message(false))
                    .isEqualTo(
                        "taskrt: option stackSegment='0' in system property"
                            + " (-Dtaskrt.stackSegment) is not valid: a segment of 0 bytes;"
                            + " expected bytes greater than 0 with an optional k, m or g suffix,"
                            + " e.g. 64k; running without it"));
    assertThat(options.runtimeSettings().stackSegment())
        .isEqualTo(RuntimeSettings.DEFAULTS.stackSegment());
    assertThat(options.anyGivenToAgent()).isFalse();
  }

  @Test
  void runtimeSettingsComeFromTheEnvironmentLastAndABadOneNamesItsVariable() {
    Properties system = new Properties();
    system.setProperty("taskrt.stackLimit", "4k");
    Map<String, String> environment =
        Map.of(
            "TASKRT_STACK_LIMIT", "2k",
            "TASKRT_SHUTDOWN_TIMEOUT", "3s",
            "TASKRT_DOUBLE_FAILURE", "never",
            "TASKRT_FRAMES", "not.Read[this]");

    AgentOptions options = AgentOptions.parse(null, system, environment);

    assertThat(options.runtimeSettings().stackLimit()).isEqualTo(4096);
    assertThat(options.runtimeSettings().shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.get(OptionKey.FRAMES)).isEmpty();
    assertThat(options.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message(false))
                    .isEqualTo(
                        "taskrt: option doubleFailure='never' in environment variable"
                            + " (TASKRT_DOUBLE_FAILURE) is not valid: not one of record, abort;"
                            + " expected record or abort; running without it"));
  }

  @Test
  void eachRuntimeSettingKeyParsesWithTheRuntimesOwnParser() {
    for (OptionKey key : OptionKey.values()) {
      if (key.setting() != null) {
        assertThat(key.key()).isEqualTo(key.setting().key());
        assertThat(key.validForms()).isEqualTo(key.setting().validForms());
      }
    }
    assertThat(OptionKey.values())
        .filteredOn(k -> k.setting() != null)
        .extracting(OptionKey::setting)
        .containsExactlyElementsOf(Setting.ALL);
    assertThat(Setting.DOUBLE_FAILURE.parse(" ABORT ")).isEqualTo("abort");
    assertThat(Setting.STACK_SEGMENT.parse("64k")).isEqualTo(65536L);
  }

  @Test
  void aValidOptionHoldsItsTypedValueSoNothingParsesItAgain() {
    AgentOptions options =
        AgentOptions.parse(
            "tasks=a.B[x],propagate=LINKED,threadLocals=a.Ctx[CURRENT],annotations=a.Async=Spawn",
            new Properties());

    assertThat(options.patterns(OptionKey.TASKS)).isSameAs(options.patterns(OptionKey.TASKS));
    assertThat(options.patterns(OptionKey.TASKS)).singleElement().isInstanceOf(MethodPattern.class);
    assertThat(options.propagate()).isEqualTo(PropagateMode.LINKED);
    assertThat(options.propagate().childMode()).isEqualTo(SpawnMode.LINKED);
    assertThat(options.threadLocals()).containsEntry("a.Ctx", List.of("CURRENT"));
    assertThat(options.annotations().kindOf("La/Async;")).isEqualTo("Spawn");
    assertThat(options.textsGivenToAgent())
        .containsEntry("propagate", "LINKED")
        .containsEntry("tasks", "a.B[x]");
  }

  @Test
  void propagateOffAndItsDefault() {
    assertThat(AgentOptions.none().propagate()).isEqualTo(PropagateMode.SUPERVISED);
    assertThat(AgentOptions.parse("propagate=off", new Properties()).propagate().isOn()).isFalse();
  }

  @Test
  void patternsMatchClassesAndMethodsWithWildcards() {
    MethodPattern p = MethodPattern.parseList("com.acme.*Service[handle*, run]").get(0);

    assertThat(p.matchesClass("com.acme.OrderService")).isTrue();
    assertThat(p.matchesClass("com.acme.inner.OrderService")).isTrue();
    assertThat(p.matchesClass("com.acme.OrderServiceImpl")).isFalse();
    assertThat(p.methodMatch("handleOrder")).isNotNull();
    assertThat(p.methodMatch("run")).isNotNull();
    assertThat(p.methodMatch("runAll")).isNull();
  }

  @Test
  void globsBacktrackAcrossSeveralStars() {
    assertThat(Glob.of("a*b*c").matches("axxbyybc")).isTrue();
    assertThat(Glob.of("a*b*c").matches("axxbyyb")).isFalse();
    assertThat(Glob.of("*").matches("")).isTrue();
    assertThat(Glob.of("exact").matches("exact")).isTrue();
    assertThat(Glob.of("exact").hasWildcard()).isFalse();
  }
}
