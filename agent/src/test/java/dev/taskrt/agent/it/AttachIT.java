package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code attach <pid>} with no options, on JDK 17 and Temurin 25: a class already loaded is
 * rewritten from its annotations alone, and the running program sees it at its next call.
 */
class AttachIT {
  @ParameterizedTest
  @EnumSource(Jdk.class)
  void attachRewritesAnAnnotatedClassAlreadyLoaded(Jdk jdk) throws Exception {
    List<String> target = AgentJvm.on(jdk).withoutAgent().command("itapps.AnnotatedAttachTarget");
    Process app = new ProcessBuilder(target).start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
      OutputStream stdin = app.getOutputStream();
      assertThat(lines.readLine()).isEqualTo("ready");
      send(stdin);
      assertThat(lines.readLine()).isEqualTo("risky threw IllegalStateException");

      List<String> command = new ArrayList<>();
      command.add(jdk.java().toString());
      command.add("-jar");
      command.add(AgentJvm.AGENT_JAR.toString());
      command.add("attach");
      command.add(Long.toString(app.pid()));
      Process attach = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(attach.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(attach.exitValue()).as(out).isZero();
      assertThat(out).contains("agent loaded into process " + app.pid());

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
