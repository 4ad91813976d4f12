package dev.taskrt.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running JVM for {@code top} to watch: started, awaited until it prints {@code ready}, and ended
 * by closing its input (it also ends by itself within a minute), or forcibly if it does not end.
 */
final class TopTargetJvm implements AutoCloseable {
  final Process process;
  private final BufferedReader out;

  private TopTargetJvm(Process process) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts {@code command} and waits for its {@code ready} line. */
  static TopTargetJvm start(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    TopTargetJvm jvm = new TopTargetJvm(p);
    String line;
    while ((line = jvm.out.readLine()) != null) {
      if (line.equals("ready")) {
        return jvm;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the target JVM ended before it was ready: " + command);
  }

  long pid() {
    return process.pid();
  }

  /** Closes its input and waits for it to end; returns what it printed after ready. */
  String stop() throws Exception {
    process.getOutputStream().close();
    List<String> rest = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      rest.add(line);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the target JVM did not end after its input closed");
    }
    return String.join("\n", rest);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** Runs {@code java -jar taskrt-agent.jar top ...} with {@code jdk}'s java to its end. */
  static AgentJvm.Result top(Jdk jdk, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.add("-jar");
    command.add(AgentJvm.AGENT_JAR.toString());
    command.add("top");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    var err =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return e.toString();
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("top did not end; out:\n" + out);
    }
    return new AgentJvm.Result(p.exitValue(), out, err.get(30, TimeUnit.SECONDS));
  }
}
