package dev.taskrt.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The soak server under load, ended by SIGTERM and by {@code System.exit(3)} from a request (DESIGN
 * §4): the at_exit handler runs, the kernel's AtExit and Shutdown events reach the recording,
 * {@code inspect} reads it, and the exit status is 143 and 3.
 */
class ExitDuringLoadIT {
  @Test
  void sigtermDuringLoad() throws Exception {
    Path recording = Files.createDirectories(SoakIT.Soak.work()).resolve("sigterm.jfr");
    Files.deleteIfExists(recording);
    ServerProcess server = start(recording);
    CompletableFuture<LoadGenerator.Result> load = loadUntilBusy(server);
    server.process().toHandle().destroy();
    ServerProcess.Ended ended = server.awaitEnd();
    load.get(60, TimeUnit.SECONDS);

    assertThat(ended.status()).as("exit status; err:\n%s", ended.err()).isEqualTo(143);
    assertEndRecorded(ended, recording, "SIGNAL", 143);
  }

  @Test
  void systemExitFromARequestDuringLoad() throws Exception {
    Path recording = Files.createDirectories(SoakIT.Soak.work()).resolve("exit.jfr");
    Files.deleteIfExists(recording);
    ServerProcess server = start(recording, "--allow-exit");
    CompletableFuture<LoadGenerator.Result> load = loadUntilBusy(server);
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(server.base().resolve("/req?id=exit&kind=exit&status=3"))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException expected) {
      // the server went away without answering
    }
    ServerProcess.Ended ended = server.awaitEnd();
    load.get(60, TimeUnit.SECONDS);

    assertThat(ended.status()).as("exit status; err:\n%s", ended.err()).isEqualTo(3);
    assertThat(ended.out()).contains("request calls System.exit(3)");
    assertEndRecorded(ended, recording, "SYSTEM_EXIT", 3);
  }

  private static ServerProcess start(Path recording, String... args) throws Exception {
    return ServerProcess.start(
        SoakIT.Soak.classPath(),
        SoakIT.Soak.agentJar(),
        // The server's pool threads run unmarked hand-offs, which a kill does not stop: bound the
        // wait for them so the test does not sit out the default.
        SoakRun.PATTERNS + ",shutdownTimeout=2s",
        recording,
        args);
  }

  /** Starts load in the background and returns once the server has answered some of it. */
  private static CompletableFuture<LoadGenerator.Result> loadUntilBusy(ServerProcess server)
      throws Exception {
    LoadGenerator generator = new LoadGenerator(server.base(), 4, 2);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<LoadGenerator.Result> load =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return generator.run(Duration.ofSeconds(60), stop);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (server.stats().served() < 20) {
      Thread.sleep(50);
    }
    // The load goes on until the server is gone (each user then sees connection errors and the
    // duration ends it); stop it once the server has ended.
    load.whenComplete((r, e) -> stop.set(true));
    CompletableFuture.runAsync(
        () -> {
          try {
            server.process().waitFor();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          stop.set(true);
        });
    return load;
  }

  private static void assertEndRecorded(
      ServerProcess.Ended ended, Path recording, String trigger, int status) throws Exception {
    assertThat(ended.out()).anyMatch(l -> l.startsWith("at_exit: served "));
    List<RecordedEvent> atExit = new ArrayList<>();
    List<RecordedEvent> shutdown = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      switch (e.getEventType().getName()) {
        case "taskrt.AtExit" -> atExit.add(e);
        case "taskrt.Shutdown" -> shutdown.add(e);
        default -> {}
      }
    }
    assertThat(atExit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("handler")).isEqualTo("soak.report");
              assertThat(e.getString("outcome")).isEqualTo("DONE");
            });
    assertThat(shutdown)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("trigger")).isEqualTo(trigger);
              assertThat(e.getInt("exitStatus")).isEqualTo(status);
              assertThat(e.getInt("atExitRun")).isEqualTo(1);
            });
    Process inspect =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                SoakIT.Soak.agentJar().toString(),
                "inspect",
                recording.toString(),
                "summary")
            .redirectErrorStream(true)
            .start();
    String summary = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(inspect.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(inspect.exitValue()).as("inspect summary:\n%s", summary).isZero();
    assertThat(summary)
        .contains("Tasks:")
        .contains("shutdown: " + trigger + ", exit status " + status);
  }
}
