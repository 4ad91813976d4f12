package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar taskrt-agent.jar}: usage, version, the dry run's account of frames left out,
 * inspect's extension point, attach.
 */
class CliIT {
  private static AgentJvm.Result cli(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Jdk.CURRENT.java().toString());
    command.add("-jar");
    command.add(AgentJvm.AGENT_JAR.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new AgentJvm.Result(p.exitValue(), out, err);
  }

  @Test
  void withoutACommandPrintsUsage() throws Exception {
    AgentJvm.Result result = cli().assertStatus(0);
    assertThat(result.out())
        .contains("-javaagent:taskrt-agent.jar", "attach <pid> [options]", "version", "inspect");
  }

  @Test
  void versionPrintsTheBuiltVersion() throws Exception {
    assertThat(cli("version").assertStatus(0).out().trim())
        .matches("taskrt agent \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    AgentJvm.Result result = cli("frobnicate").assertStatus(64);
    assertThat(result.err()).startsWith("taskrt: unknown command 'frobnicate'");
  }

  @Test
  void checkSaysWhichFramesAWildcardAskedForNeedNoneAndWhy() throws Exception {
    AgentJvm.Result result =
        cli("check", AgentJvm.APPS.toString(), "frames=itapps.frames.*[*]").assertStatus(0);
    assertThat(result.out().lines())
        .contains(
            "skip itapps.frames.Recursions.inc(int) (frames=itapps.frames.*[*]): no frame needed:"
                + " a loop-free leaf (no calls, no backward branches, no monitorenter): its frame"
                + " could catch no recursion, no blocking call and no hook",
            "skip itapps.frames.Recursions.step(int) (frames=itapps.frames.*[*]): no frame needed:"
                + " loop-free, and calls only methods of its own class that cannot lead back to"
                + " it, or JDK methods that run no other code: its frame could catch no"
                + " recursion, no blocking call and no hook",
            "rewrite itapps.frames.Recursions.walk(int) into frame (frames=itapps.frames.*[*])",
            // of a mutual recursion, one side goes without (counting on the other's frame)
            "skip itapps.frames.Recursions.ping(int) (frames=itapps.frames.*[*]): no frame needed:"
                + " each of its calls runs a method that keeps a frame or needs none, and so will"
                + " every override loaded later",
            "rewrite itapps.frames.Recursions.pong(int) into frame (frames=itapps.frames.*[*])",
            "rewrite itapps.frames.Recursions.down(int) into frame (frames=itapps.frames.*[*])")
        .doesNotContain(
            "rewrite itapps.frames.Recursions.inc(int) into frame (frames=itapps.frames.*[*])");
  }

  @Test
  void inspectRunsFromTheAgentJarAndNamesAMissingFile() throws Exception {
    AgentJvm.Result result = cli("inspect", "no-such-recording.jfr").assertStatus(3);
    assertThat(result.err()).contains("no-such-recording.jfr");
  }

  @Test
  void attachRewritesClassesAlreadyLoadedInARunningJvm() throws Exception {
    List<String> target = AgentJvm.on(Jdk.CURRENT).withoutAgent().command("itapps.AttachTarget");
    Process app = new ProcessBuilder(target).start();
    try {
      var lines =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
      OutputStream stdin = app.getOutputStream();
      assertThat(lines.readLine()).isEqualTo("ready");
      send(stdin);
      assertThat(lines.readLine()).isEqualTo("risky threw IllegalStateException");

      AgentJvm.Result attach =
          cli("attach", Long.toString(app.pid()), "boundaries=itapps.AttachTarget[risky]")
              .assertStatus(0);
      assertThat(attach.out()).contains("agent loaded into process " + app.pid());

      send(stdin);
      assertThat(lines.readLine()).isEqualTo("risky returned 0");
      stdin.close();
      assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      app.destroyForcibly();
    }
  }

  private static void send(OutputStream stdin) throws IOException {
    stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }
}
