package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Options in braces after a pattern or an {@code annotations=} mapping (issue 15): they reach the
 * rewrite as an annotation's elements would, read back from the recording's {@code TaskStart}
 * events; a bad one gets one message and the pattern applies with its defaults; {@code config=FILE}
 * takes the same; a method's own annotation wins over a pattern naming it; {@code verbose=true}
 * tells each rewrite and who asked for it.
 */
class PatternOptionsIT {
  private static final String APP = "itapps.legacy.PatternOptionsApp";
  private static final String C = APP + "[";
  private static final String TASKS =
      "tasks="
          + C
          + "handle]{mode=supervised,name=order,stackLimit=256k};"
          + C
          + "annotatedAndNamed]{name=pattern,mode=unlinked}";
  private static final String SPAWN =
      "spawn=" + C + "send]{weak=true,scheduler=platform,name=mailer}";
  private static final String FOREIGN =
      "foreign=" + C + "callOut]{headroom=1k};" + C + "callOutOnOwnStack]{stackSize=2m}";
  private static final String BOUNDARIES = "boundaries=" + C + "risky]{fallback=safe}";
  private static final String MAPPING =
      "annotations=itapps.legacy.PatternOptionsApp$Async=Spawn{mode=unlinked,name=async}";

  @TempDir Path dir;

  private static Map<String, RecordedEvent> startsByName(Path recording) throws Exception {
    return AgentJvm.events(recording, "taskrt.TaskStart").stream()
        .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e, (a, b) -> a));
  }

  private static void assertStart(
      Map<String, RecordedEvent> starts, String name, String mode, boolean weak, String scheduler) {
    assertThat(starts).containsKey(name);
    RecordedEvent e = starts.get(name);
    assertThat(e.getString("mode")).as("%s mode", name).isEqualTo(mode);
    assertThat(e.getBoolean("weak")).as("%s weak", name).isEqualTo(weak);
    assertThat(e.getString("scheduler")).as("%s scheduler", name).isEqualTo(scheduler);
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void bracesOnEachPatternKeyAndOnAMappingReachTheRewrite(Jdk jdk) throws Exception {
    Path recording = dir.resolve("braces.jfr");
    AgentJvm.Result result =
        AgentJvm.on(jdk)
            .agentOptions(
                String.join(",", "jfr=" + recording, TASKS, SPAWN, FOREIGN, BOUNDARIES, MAPPING))
            .run(APP)
            .assertStatus(0);

    assertThat(result.outLines())
        .as("err:\n%s", result.err())
        .containsExactly(
            "o-1 handled in order",
            "m-1 sent in mailer",
            "later in async",
            "annotated in own",
            "state in foreign call: FOREIGN",
            "own-stack foreign call on taskrt-foreign-N for task main in state FOREIGN",
            "risky: -4");
    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: @Boundary PatternOptionsApp.risky stopped java.lang.IllegalStateException:"
                + " risky with 4 in task 'main' (#1); returning its fallback");
    Map<String, RecordedEvent> starts = startsByName(recording);
    assertStart(starts, "order", "SUPERVISED", false, "caller");
    assertStart(starts, "mailer", "LINKED", true, "platform");
    assertStart(starts, "async", "UNLINKED", false, starts.get("async").getString("scheduler"));
    assertThat(starts.get("async").getString("scheduler")).isNotEqualTo("caller");
    assertStart(starts, "own", "LINKED", false, "caller");
    assertThat(starts).doesNotContainKey("pattern");
  }

  @Test
  void verboseTellsEachRewriteWithItsOptionsAndWhoAskedAndEachPatternThatLostToAnAnnotation()
      throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions(String.join(",", "verbose=true", TASKS, SPAWN, FOREIGN, MAPPING))
            .run(APP)
            .assertStatus(0);

    String m = "itapps.legacy.PatternOptionsApp.";
    assertThat(result.taskrtLines())
        .contains(
            "taskrt: rewrite "
                + m
                + "handle(java.lang.String) into task{mode=SUPERVISED,name=order,stackLimit=262144}"
                + " (tasks="
                + C
                + "handle]{mode=SUPERVISED,name=order,stackLimit=256k})",
            "taskrt: rewrite "
                + m
                + "send(java.lang.String) into spawn{mode=LINKED,name=mailer,scheduler=platform,"
                + "weak=true} (spawn="
                + C
                + "send]{weak=true,scheduler=platform,name=mailer})",
            "taskrt: rewrite "
                + m
                + "later() into spawn{mode=UNLINKED,name=async} (annotations="
                + "itapps.legacy.PatternOptionsApp$Async=Spawn{mode=UNLINKED,name=async})",
            "taskrt: rewrite " + m + "annotatedAndNamed() into task{mode=LINKED,name=own} (@Task)",
            "taskrt: skip "
                + m
                + "annotatedAndNamed() (tasks="
                + C
                + "annotatedAndNamed]{name=pattern,mode=UNLINKED}): already @Task, which wins; the"
                + " pattern and its options do not apply",
            "taskrt: rewrite "
                + m
                + "callOut() into foreign{headroom=1024} (foreign="
                + C
                + "callOut]{headroom=1k})",
            "taskrt: rewrite "
                + m
                + "callOutOnOwnStack() into foreign{headroom=65536,stackSize=2097152} (foreign="
                + C
                + "callOutOnOwnStack]{stackSize=2m})");
  }

  @Test
  void withoutVerboseTheAgentIsQuiet() throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions(String.join(",", TASKS, SPAWN, FOREIGN, MAPPING))
            .run(APP)
            .assertStatus(0);
    assertThat(result.taskrtLines()).isEmpty();
  }

  @Test
  void aBadValueInBracesGetsOneMessageAndThePatternAppliesWithItsDefaults() throws Exception {
    Path recording = dir.resolve("bad.jfr");
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions(
                "jfr="
                    + recording
                    + ",tasks="
                    + C
                    + "handle]{mode=sometimes,name=order},spawn="
                    + C
                    + "send]{weak=maybe,scheduler=platform}")
            .run(APP)
            .assertStatus(0);

    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: option tasks, pattern '"
                + C
                + "handle]' in agent options: the braces are not valid: mode='sometimes' is not"
                + " valid; expected linked, supervised or unlinked; the pattern applies with the"
                + " annotation's defaults",
            "taskrt: option spawn, pattern '"
                + C
                + "send]' in agent options: the braces are not valid: weak='maybe' is not valid;"
                + " expected true or false; the pattern applies with the annotation's defaults");
    assertThat(result.outLines())
        .contains("o-1 handled in PatternOptionsApp.handle", "m-1 sent in PatternOptionsApp.send");
    Map<String, RecordedEvent> starts = startsByName(recording);
    assertStart(starts, "PatternOptionsApp.handle", "LINKED", false, "caller");
    assertThat(starts.get("PatternOptionsApp.send").getBoolean("weak")).isFalse();
    assertThat(starts.get("PatternOptionsApp.send").getString("scheduler"))
        .isNotEqualTo("platform");
  }

  @Test
  void aBadValueInBracesStopsTheJvmUnderStrict() throws Exception {
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT)
            .agentOptions("strict=true,tasks=" + C + "handle]{mode=sometimes}")
            .run(APP);
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.taskrtLines())
        .containsExactly(
            "taskrt: option tasks, pattern '"
                + C
                + "handle]' in agent options: the braces are not valid: mode='sometimes' is not"
                + " valid; expected linked, supervised or unlinked; stopping the JVM"
                + " (strict=true)");
    assertThat(result.out()).doesNotContain("handled");
  }

  @Test
  void aConfigFileTakesTheSameBraces() throws Exception {
    Path recording = dir.resolve("config.jfr");
    Path config = dir.resolve("taskrt.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "# options in braces, as on the command line",
            TASKS.replace("tasks=", "tasks = "),
            SPAWN,
            MAPPING.replace("$", "\\u0024"),
            "jfr=" + recording.toString().replace("\\", "\\\\"),
            ""));
    AgentJvm.Result result =
        AgentJvm.on(Jdk.CURRENT).agentOptions("config=" + config).run(APP).assertStatus(0);

    assertThat(result.taskrtLines()).as("err:\n%s", result.err()).isEmpty();
    Map<String, RecordedEvent> starts = startsByName(recording);
    assertStart(starts, "order", "SUPERVISED", false, "caller");
    assertStart(starts, "mailer", "LINKED", true, "platform");
    assertThat(starts.get("async").getString("mode")).isEqualTo("UNLINKED");
    assertThat(starts).containsKey("own").doesNotContainKey("pattern");
  }
}
