package dev.taskrt.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link SoakServer} in its own JVM, with or without the agent, and the way to talk to it. */
public final class ServerProcess {
  /** What {@code GET /stats} said. */
  public record Stats(long live, long heap, long served) {
    static Stats parse(String text) {
      long[] v = new long[3];
      for (String part : text.trim().split(" ")) {
        String[] kv = part.split("=");
        int i = List.of("live", "heap", "served").indexOf(kv[0]);
        v[i] = Long.parseLong(kv[1]);
      }
      return new Stats(v[0], v[1], v[2]);
    }
  }

  /** How the server's JVM ended. */
  public record Ended(int status, List<String> out, String err) {}

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> out = new ArrayList<>();
  private final CompletableFuture<String> err;
  private final CompletableFuture<Void> reading;
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile int port = -1;
  private final Path recording;

  private ServerProcess(List<String> command, Path recording) throws IOException {
    this.recording = recording;
    process = new ProcessBuilder(command).start();
    err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "(error output unreadable: " + e + ")";
              }
            });
    CountDownLatch ready = new CountDownLatch(1);
    reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (out) {
                    out.add(line);
                  }
                  if (line.startsWith("port ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                  } else if (line.equals("ready")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process went away; its status tells why
              } finally {
                ready.countDown();
              }
            });
    try {
      if (!ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || port < 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the server did not start: " + command + "\nout: " + out + "\nerr: " + errSoFar());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a server.
   *
   * @param agentJar the agent jar, or null for a run without the agent
   * @param agentOptions the agent's options (the recording's {@code jfr=} is added)
   * @param recording where the recording goes (with the agent)
   */
  public static ServerProcess start(
      String classPath, Path agentJar, String agentOptions, Path recording, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar + "=jfr=" + recording + "," + agentOptions);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(SoakServer.class.getName());
    command.addAll(List.of(args));
    return new ServerProcess(command, agentJar == null ? null : recording);
  }

  /** The server's base address. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The recording, or null without the agent. */
  public Path recording() {
    return recording;
  }

  /** The running process (for signals). */
  public Process process() {
    return process;
  }

  /** {@code GET /stats}. */
  public Stats stats() throws IOException, InterruptedException {
    return Stats.parse(get("/stats"));
  }

  /**
   * Waits until the server has finished at least {@code requests} requests (the ones a client gave
   * up on finish later than the client), for up to {@code within}.
   */
  public Stats statsAfter(long requests, Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    Stats stats = stats();
    while (stats.served() < requests && System.nanoTime() < deadline) {
      Thread.sleep(100);
      stats = stats();
    }
    return stats;
  }

  /** {@code GET /stop}, then waits for the JVM to end. */
  public Ended stop() throws Exception {
    get("/stop");
    return awaitEnd();
  }

  /** Waits for the JVM to end (after a stop, an exit or a signal). */
  public Ended awaitEnd() throws Exception {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the server did not end within 120 s; out: " + outLines());
    }
    reading.get(30, TimeUnit.SECONDS);
    return new Ended(process.exitValue(), outLines(), err.get(30, TimeUnit.SECONDS));
  }

  private List<String> outLines() {
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  private String errSoFar() {
    return err.getNow("(still running)");
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
