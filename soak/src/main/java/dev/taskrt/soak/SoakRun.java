package dev.taskrt.soak;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the soak: two {@link SoakServer}s side by side, one under the agent (handlers made tasks by
 * pattern, a recording) and one without, each under the same closed-loop load; a warm-up, the
 * server's live tasks and heap after GC, the measured load, the same figures again, an orderly
 * stop, and the recording read back.
 *
 * <p>{@code java dev.taskrt.soak.SoakRun [--seconds S] [--warmup W] [--users U]} with the system
 * properties {@code taskrt.agent.jar}, {@code taskrt.soak.classpath} and {@code taskrt.soak.work}.
 */
public final class SoakRun {
  /** The agent options that make the server's handlers tasks; nothing in its code names taskrt. */
  public static final String PATTERNS =
      "tasks=dev.taskrt.soak.RequestHandler[handle];dev.taskrt.soak.Pricing[quote]";

  /** How a soak runs. */
  public record Config(
      String classPath, Path agentJar, Path work, Duration warmup, Duration load, int users) {}

  /** One server's side of the soak. */
  public record Side(
      LoadGenerator.Result load,
      ServerProcess.Stats start,
      ServerProcess.Stats end,
      ServerProcess.Ended ended) {}

  /** Both sides and the recording. */
  public record Report(Config config, Side without, Side with, RecordingCheck recording) {}

  private SoakRun() {}

  /** Runs a soak and returns what it measured. */
  public static Report run(Config config) throws Exception {
    Files.createDirectories(config.work());
    Path recording = config.work().resolve("soak.jfr");
    Files.deleteIfExists(recording);
    ServerProcess plain = ServerProcess.start(config.classPath(), null, null, null);
    ServerProcess agent =
        ServerProcess.start(config.classPath(), config.agentJar(), PATTERNS, recording);
    CompletableFuture<Side> without = CompletableFuture.supplyAsync(() -> side(plain, config));
    CompletableFuture<Side> with = CompletableFuture.supplyAsync(() -> side(agent, config));
    Report report = new Report(config, without.join(), with.join(), RecordingCheck.read(recording));
    return report;
  }

  private static Side side(ServerProcess server, Config config) {
    try {
      LoadGenerator load = new LoadGenerator(server.base(), config.users(), 2);
      AtomicBoolean stop = new AtomicBoolean();
      load.run(config.warmup(), stop);
      ServerProcess.Stats start = server.statsAfter(load.sent(), Duration.ofSeconds(10));
      LoadGenerator.Result result = load.run(config.load(), stop);
      ServerProcess.Stats end =
          server.statsAfter(start.served() + result.sent(), Duration.ofSeconds(10));
      return new Side(result, start, end, server.stop());
    } catch (Exception e) {
      server.process().destroyForcibly();
      throw new IllegalStateException(e);
    }
  }

  /** Prints a report. */
  public static void print(Report r, PrintStream out) {
    Config c = r.config();
    out.printf(
        "taskrt soak: %d s of load after %d s of warm-up, %d users per server, the two servers side"
            + " by side%n",
        c.load().toSeconds(), c.warmup().toSeconds(), c.users());
    out.printf("%-34s %16s %16s%n", "", "without agent", "with agent");
    row(out, "requests sent", r.without().load().sent(), r.with().load().sent());
    List<String> kinds = new ArrayList<>(r.without().load().counts().keySet());
    r.with().load().counts().keySet().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
    for (String k : kinds) {
      row(
          out,
          "  " + k,
          r.without().load().counts().getOrDefault(k, 0L),
          r.with().load().counts().getOrDefault(k, 0L));
    }
    row(out, "unexpected errors", r.without().load().unexpected(), r.with().load().unexpected());
    out.printf(
        Locale.ROOT,
        "%-34s %13.2f ms %13.2f ms%n",
        "ok latency p50",
        r.without().load().percentileMillis(50),
        r.with().load().percentileMillis(50));
    out.printf(
        Locale.ROOT,
        "%-34s %13.2f ms %13.2f ms%n",
        "ok latency p99",
        r.without().load().percentileMillis(99),
        r.with().load().percentileMillis(99));
    out.printf(
        "%-34s %16s %16s%n",
        "live tasks, start -> end",
        r.without().start().live() + " -> " + r.without().end().live(),
        r.with().start().live() + " -> " + r.with().end().live());
    out.printf(
        Locale.ROOT,
        "%-34s %16s %16s%n",
        "heap after GC, start -> end (MiB)",
        mib(r.without().start().heap()) + " -> " + mib(r.without().end().heap()),
        mib(r.with().start().heap()) + " -> " + mib(r.with().end().heap()));
    row(out, "exit status", r.without().ended().status(), r.with().ended().status());
    RecordingCheck rec = r.recording();
    out.printf(
        "recording: %d tasks started, %d ended, %d started and never ended%n",
        rec.started(), rec.ended(), rec.neverEnded().size());
    out.println("  outcomes: " + rec.outcomes());
    for (Map.Entry<String, Map<String, Long>> e : rec.outcomesByName().entrySet()) {
      out.printf("  %-30s %s%n", e.getKey(), e.getValue());
    }
    for (Side side : List.of(r.without(), r.with())) {
      String err = side.ended().err();
      if (!err.isBlank()) {
        out.println(
            "error output of the server "
                + (side == r.with() ? "with" : "without")
                + " the agent (first lines):");
        err.lines().limit(15).forEach(l -> out.println("  " + l));
      }
    }
    if (!rec.neverEnded().isEmpty()) {
      out.println("  never ended: " + rec.neverEnded());
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  private static void row(PrintStream out, String what, long without, long with) {
    out.printf("%-34s %16d %16d%n", what, without, with);
  }

  /** Runs the soak from the command line and prints its report. */
  public static void main(String[] args) throws Exception {
    long seconds = 600;
    long warmup = 20;
    int users = 4;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
        case "--warmup" -> warmup = Long.parseLong(args[i + 1]);
        case "--users" -> users = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Config config =
        new Config(
            required("taskrt.soak.classpath"),
            Path.of(required("taskrt.agent.jar")),
            Path.of(required("taskrt.soak.work")),
            Duration.ofSeconds(warmup),
            Duration.ofSeconds(seconds),
            users);
    Report report = run(config);
    print(report, System.out);
    System.out.println("recording: " + config.work().resolve("soak.jfr"));
    boolean clean =
        report.with().load().unexpected() == 0
            && report.without().load().unexpected() == 0
            && report.recording().neverEnded().isEmpty()
            && report.with().start().live() == report.with().end().live()
            && report.with().ended().status() == 0;
    System.exit(clean ? 0 : 1);
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("set -D" + property);
    }
    return value;
  }
}
