package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otel=on} (DESIGN §9): with the OpenTelemetry SDK on the application's class path, each
 * task is also a span, the span tree is the task tree, failures and kills are recorded on the
 * spans, and an application span made in work handed to a pool nests under the hand-off's task.
 * Without any OpenTelemetry API, one message and nothing else changes; with {@code otel} off, not
 * one OpenTelemetry class (nor one of taskrt's bridge) is loaded.
 */
class OtelIT {
  private static final String TRACED = "itapps.otel.TracedTreeApp";
  private static final String PLAIN = "itapps.otel.TaskTreeApp";

  /** The parent span id of a root span. */
  private static final String NO_PARENT = "0000000000000000";

  @TempDir Path dir;

  /** The OpenTelemetry API, SDK and test exporter jars of this build. */
  private static String openTelemetryJars() {
    String jars =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> e.contains(File.separator + "opentelemetry"))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(jars).as("the OpenTelemetry jars on the test class path").contains("sdk-testing");
    return jars;
  }

  /** One exported span, as {@code TracedTreeApp} prints it. */
  record SpanLine(
      String name,
      String id,
      String parent,
      String trace,
      String status,
      Map<String, String> attributes,
      String events) {
    static SpanLine parse(String line) {
      String[] f = line.split("\t", -1);
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String pair : f[6].split(";")) {
        if (!pair.isEmpty()) {
          attributes.put(
              pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
      }
      return new SpanLine(f[1], f[2], f[3], f[4], f[5], attributes, f[7]);
    }

    String attribute(String key) {
      return attributes.get(key);
    }
  }

  @Test
  void eachTaskIsASpanAndTheSpanTreeIsTheTaskTree() throws Exception {
    AgentJvm.Result run =
        AgentJvm.on(Jdk.CURRENT)
            .jvmOption("-Dtaskrt.otel=on")
            .withLibraries(openTelemetryJars())
            .run(TRACED)
            .assertStatus(0);
    assertThat(run.outLines())
        .as("err:\n%s", run.err())
        .startsWith(
            "order: checked, shipped",
            "group ended: TaskKilledError",
            "pooled work ran in a task: true",
            "cancelled ended: KILLED",
            "main done");
    assertThat(run.taskrtLines())
        .singleElement()
        .matches(l -> l.matches("taskrt: task 'bad' \\(#\\d+\\) failed:"));

    Map<String, SpanLine> byName = new LinkedHashMap<>();
    for (String line : run.outLines()) {
      if (line.startsWith("SPAN\t")) {
        SpanLine span = SpanLine.parse(line);
        assertThat(byName.put(span.name(), span)).as("one span named %s", span.name()).isNull();
      }
    }
    assertThat(byName.keySet())
        .containsExactlyInAnyOrder(
            "main",
            "order",
            "check",
            "ship",
            "group",
            "waiter",
            "bad",
            "pooled",
            "pooled/handoff",
            "app-work",
            "cancelled");
    Map<String, SpanLine> byId =
        byName.values().stream().collect(Collectors.toMap(SpanLine::id, s -> s));

    // The span tree is the task tree: one trace, main at its root.
    SpanLine main = byName.get("main");
    assertThat(main.parent()).isEqualTo(NO_PARENT);
    assertThat(byName.values()).allSatisfy(s -> assertThat(s.trace()).isEqualTo(main.trace()));
    Map<String, String> parentOf = new LinkedHashMap<>();
    for (SpanLine s : byName.values()) {
      if (s != main) {
        parentOf.put(s.name(), byId.get(s.parent()).name());
      }
    }
    assertThat(parentOf)
        .containsOnly(
            Map.entry("order", "main"),
            Map.entry("check", "order"),
            Map.entry("ship", "order"),
            Map.entry("group", "main"),
            Map.entry("waiter", "group"),
            Map.entry("bad", "group"),
            Map.entry("pooled", "main"),
            Map.entry("pooled/handoff", "pooled"),
            Map.entry("app-work", "pooled/handoff"),
            Map.entry("cancelled", "main"));
    // ... and each task span names its parent task, as the task tree has it.
    for (SpanLine s : byName.values()) {
      if (s != main && !s.name().equals("app-work")) {
        assertThat(s.attribute("taskrt.task.parent_id"))
            .as("parent task of %s", s.name())
            .isEqualTo(byId.get(s.parent()).attribute("taskrt.task.id"));
      }
    }

    // Attributes.
    assertThat(main.attributes())
        .containsEntry("taskrt.task.mode", "LINKED")
        .containsEntry("taskrt.task.scheduler", "caller")
        .containsEntry("taskrt.task.weak", "false")
        .containsEntry("taskrt.task.outcome", "DONE")
        .containsKey("taskrt.task.id")
        .doesNotContainKey("taskrt.task.parent_id");
    assertThat(byName.get("ship").attributes())
        .containsEntry("taskrt.task.mode", "SUPERVISED")
        .containsEntry("taskrt.task.scheduler", "default")
        .containsEntry("taskrt.task.weak", "true")
        .containsEntry("taskrt.task.outcome", "DONE");
    assertThat(byName.get("pooled/handoff").attributes())
        .containsEntry("taskrt.task.mode", "SUPERVISED")
        .containsEntry("taskrt.task.scheduler", "handoff");
    assertThat(byName.get("app-work").attributes()).isEmpty();

    // The failure: ERROR with the exception.
    SpanLine bad = byName.get("bad");
    assertThat(bad.status()).isEqualTo("ERROR");
    assertThat(bad.attribute("taskrt.task.outcome")).isEqualTo("FAILED");
    assertThat(bad.events())
        .isEqualTo(
            "exception{exception.message=bad input,"
                + " exception.type=java.lang.IllegalStateException}");

    // The kills: an event naming the task whose failure killed them, or the cancellation.
    String killedByBad =
        "taskrt.task.killed{taskrt.task.kill.reason=linked_failure, taskrt.task.kill.source_id="
            + bad.attribute("taskrt.task.id")
            + ", taskrt.task.kill.source_name=bad}";
    for (String name : List.of("group", "waiter")) {
      SpanLine killed = byName.get(name);
      assertThat(killed.attribute("taskrt.task.outcome")).as(name).isEqualTo("KILLED");
      assertThat(killed.status()).as(name).isEqualTo("UNSET");
      assertThat(killed.events()).as(name).isEqualTo(killedByBad);
    }
    SpanLine cancelled = byName.get("cancelled");
    assertThat(cancelled.attribute("taskrt.task.outcome")).isEqualTo("KILLED");
    assertThat(cancelled.events())
        .isEqualTo("taskrt.task.killed{taskrt.task.kill.reason=cancelled}");
    for (String name : List.of("main", "order", "check", "ship", "pooled", "pooled/handoff")) {
      assertThat(byName.get(name).status()).as(name).isEqualTo("UNSET");
      assertThat(byName.get(name).events()).as(name).isEmpty();
    }
  }

  @Test
  void withoutAnOpenTelemetryApiOneMessageAndTheProgramRunsAsWithoutIt() throws Exception {
    AgentJvm.Result off = AgentJvm.on(Jdk.CURRENT).run(PLAIN, "fail");
    AgentJvm.Result on = AgentJvm.on(Jdk.CURRENT).agentOptions("otel=on").run(PLAIN, "fail");

    assertThat(off.status()).as("the program fails on purpose: %s", off.err()).isEqualTo(1);
    assertThat(on.status()).isEqualTo(off.status());
    assertThat(on.out()).isEqualTo(off.out());
    List<String> added =
        on.err().lines().filter(l -> !off.err().lines().toList().contains(l)).toList();
    assertThat(added)
        .containsExactly(
            "taskrt: otel=on, but there is no OpenTelemetry API: neither io.opentelemetry.api on"
                + " the application's class path nor the OpenTelemetry Java agent; tasks are not"
                + " traced");
    assertThat(on.err().lines().count()).isEqualTo(off.err().lines().count() + 1);
  }

  @Test
  void offLoadsNoOpenTelemetryClassNorTheBridge() throws Exception {
    Path log = dir.resolve("classes.log");
    AgentJvm.on(Jdk.CURRENT)
        .jvmOption("-Xlog:class+load=info:file=" + log)
        .withLibraries(openTelemetryJars())
        .run(PLAIN)
        .assertStatus(0);
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded)
        .as("the log lists the classes loaded")
        .anyMatch(l -> l.contains(" itapps.otel.TaskTreeApp "))
        .anyMatch(l -> l.contains(" dev.taskrt.internal.TaskLauncher "));
    assertThat(loaded)
        .noneMatch(l -> l.contains(" io.opentelemetry."))
        .noneMatch(l -> l.contains(" dev.taskrt.internal.otel."))
        .noneMatch(l -> l.contains(" dev.taskrt.internal.TaskTracing "));
  }
}
