package dev.taskrt.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
  void theKernelGetsValidSettingsAndTheDefaultInPlaceOfABadOne() {
    Properties system = new Properties();
    system.setProperty("taskrt.shutdownTimeout", "whenever");
    AgentOptions options = AgentOptions.parse("stackLimit=1m,doubleFailure=boom", system);

    assertThat(options.kernelOptions())
        .containsEntry("stackLimit", "1m")
        .containsEntry("doubleFailure", "record")
        .containsEntry("shutdownTimeout", "10000ms");
  }

  @Test
  void aBadRuntimeSettingFromASystemPropertyIsLeftToTheKernelToReportUnlessStrict() {
    Properties system = new Properties();
    system.setProperty("taskrt.stackSegment", "0");
    AgentOptions lenient = AgentOptions.parse(null, system);
    AgentOptions strict = AgentOptions.parse("strict=true", system);

    assertThat(lenient.reportsItself(lenient.problems().get(0))).isFalse();
    assertThat(strict.reportsItself(strict.problems().get(0))).isTrue();
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
