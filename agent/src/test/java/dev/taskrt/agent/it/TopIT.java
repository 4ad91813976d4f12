package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code java -jar taskrt-agent.jar top <pid> --once}: attached to a running JVM with the agent, it
 * prints the live tasks, their states and what the blocked ones wait on, and the failures and kills
 * seen while it watched; a JVM without the agent and a pid with no process get one clear line. Each
 * runs on every {@link Jdk}: the watched JVM and {@code top} on the same one.
 */
class TopIT {

  private static List<String> target(Jdk jdk) {
    return AgentJvm.on(jdk).command("itapps.TopTarget");
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void onceShowsLiveTasksStatesAndWhatTheBlockedOnesWaitOn(Jdk jdk) throws Exception {
    try (TopTargetJvm app = TopTargetJvm.start(target(jdk))) {
      AgentJvm.Result top =
          TopTargetJvm.top(jdk, Long.toString(app.pid()), "--once", "--interval", "500ms")
              .assertStatus(0);
      String out = top.out();
      assertThat(out).startsWith("taskrt top  pid " + app.pid() + " (itapps.TopTarget)");
      assertThat(row(out, "cruncher")).contains(" RUNNING ").contains(" default ");
      assertThat(row(out, "inbox-reader"))
          .contains(" BLOCKED ")
          .containsPattern("pipe recv on stream #\\d+");
      assertThat(row(out, "waiter"))
          .contains(" BLOCKED ")
          .containsPattern("join inbox-reader #\\d+");
      assertThat(row(out, "napper")).contains(" BLOCKED ").endsWith("sleep");
      assertThat(row(out, "native-caller"))
          .contains(" FOREIGN ")
          .contains("foreign TopTarget.callNa");
      assertThat(row(out, "main")).contains(" RUNNING ");
      assertThat(out).containsPattern("Live tasks: \\d+  running \\d+, blocked \\d+, foreign 1,");
      assertThat(out).containsPattern("By scheduler: default \\d+");
      assertThat(out).containsPattern("Kernel: started \\d+, failed \\d+, killed \\d+");
      assertThat(out)
          .containsPattern(
              "breaker #\\d+ FAILED  IllegalStateException: breaker failed\\R +killed flaky"
                  + " #\\d+ \\(child-to-parent\\)");
      assertThat(app.stop()).isEqualTo("done");
    }
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void onceWithJsonPrintsTheSameSnapshotAsJson(Jdk jdk) throws Exception {
    try (TopTargetJvm app = TopTargetJvm.start(target(jdk))) {
      AgentJvm.Result top =
          TopTargetJvm.top(jdk, Long.toString(app.pid()), "--once", "--json", "--interval", "500ms")
              .assertStatus(0);
      String json = top.out().trim();
      assertThat(json).startsWith("{\"format\":\"taskrt-top/1\",\"pid\":" + app.pid() + ",");
      assertThat(json).endsWith("}").doesNotContain("\n");
      assertThat(task(json, "inbox-reader"))
          .contains(
              "\"state\":\"BLOCKED\"",
              "\"waitKind\":\"pipe\"",
              "\"waitDetail\":\"recv on stream\"");
      assertThat(task(json, "waiter"))
          .contains("\"waitKind\":\"join\"", "\"waitDetail\":\"inbox-reader\"");
      assertThat(task(json, "napper")).contains("\"waitKind\":\"sleep\"");
      assertThat(task(json, "native-caller"))
          .contains("\"state\":\"FOREIGN\"", "\"waitKind\":\"foreign\"");
      assertThat(task(json, "cruncher")).contains("\"state\":\"RUNNING\"", "\"waitKind\":\"\"");
      assertThat(json)
          .containsPattern(
              "\"cause\":\"IllegalStateException: breaker failed\",\"killed\":\\[\\{\"taskId\":\\d+,\"taskName\":\"flaky\"");
      assertThat(app.stop()).isEqualTo("done");
    }
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aJvmWithoutTheAgentGetsOneLineNamingTheFix(Jdk jdk) throws Exception {
    List<String> command = AgentJvm.on(jdk).withoutAgent().command("itapps.AttachTarget");
    try (TopTargetJvm app = TopTargetJvm.start(command)) {
      AgentJvm.Result top =
          TopTargetJvm.top(jdk, Long.toString(app.pid()), "--once").assertStatus(5);
      assertThat(top.err().lines())
          .containsExactly(
              "taskrt: top: process "
                  + app.pid()
                  + " (itapps.AttachTarget) runs without the taskrt agent; start it with"
                  + " -javaagent:taskrt-agent.jar, or load the agent now with: java -jar"
                  + " taskrt-agent.jar attach "
                  + app.pid());
      assertThat(top.out()).isEmpty();
      app.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(Jdk.class)
  void aPidWithNoProcessGetsOneLine(Jdk jdk) throws Exception {
    Process gone = new ProcessBuilder(jdk.java().toString(), "-version").start();
    gone.getInputStream().readAllBytes();
    gone.getErrorStream().readAllBytes();
    assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long pid = gone.pid();
    Optional<ProcessHandle> reused = ProcessHandle.of(pid);
    assertThat(reused).as("pid %d reused already", pid).isEmpty();
    AgentJvm.Result top = TopTargetJvm.top(jdk, Long.toString(pid), "--once").assertStatus(3);
    assertThat(top.err().lines())
        .containsExactly(
            "taskrt: top: no process "
                + pid
                + " is running; check the pid (jps lists the JVMs you can attach to)");
  }

  @Test
  void aBadCommandLineGetsTheUsage() throws Exception {
    AgentJvm.Result top = TopTargetJvm.top(Jdk.CURRENT, "12x", "--once").assertStatus(2);
    assertThat(top.err().trim())
        .isEqualTo(
            "taskrt: top: '12x' is not a process id; usage: top <pid> [--once] [--json]"
                + " [--interval 1s]");
  }

  /** The row of the task table for the task named {@code name}. */
  static String row(String out, String name) {
    return Arrays.stream(out.split("\\R"))
        .filter(l -> l.matches(" *\\d+  " + java.util.regex.Pattern.quote(name) + " .*"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for task " + name + " in:\n" + out));
  }

  private static String task(String json, String name) {
    return Arrays.stream(json.split("\\{\"id\":"))
        .filter(t -> t.contains("\"name\":\"" + name + "\""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task " + name + " in:\n" + json));
  }
}
