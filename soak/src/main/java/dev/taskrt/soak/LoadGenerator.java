package dev.taskrt.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on one server over loopback: a fixed number of users, each sending requests one
 * after another with a short pause, the kinds in a fixed cycle of twenty (sixteen {@code ok}, two
 * {@code fail}, one {@code slow} that the client abandons after 100 ms, one more {@code ok}).
 * Counts answers by kind and keeps the latency of every {@code ok}.
 */
public final class LoadGenerator {
  /** What one run of load did. */
  public record Result(Map<String, Long> counts, long[] okNanos, long sent) {
    /** Answers that were not what their kind asks for. */
    public long unexpected() {
      return counts.entrySet().stream()
          .filter(e -> e.getKey().startsWith("unexpected"))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** The p-th percentile of {@code ok} latency, in milliseconds. */
    public double percentileMillis(double p) {
      if (okNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * okNanos.length) - 1;
      return okNanos[Math.max(0, Math.min(i, okNanos.length - 1))] / 1e6;
    }
  }

  private static final Duration CANCEL_AFTER = Duration.ofMillis(100);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final URI base;
  private final int users;
  private final long pauseMillis;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final Map<String, AtomicLong> counts = new TreeMap<>();
  private final List<long[]> latencies = new ArrayList<>();

  public LoadGenerator(URI base, int users, long pauseMillis) {
    this.base = base;
    this.users = users;
    this.pauseMillis = pauseMillis;
  }

  /** Runs the load for {@code duration}, or until {@code stop} is set; returns what it saw. */
  public Result run(Duration duration, AtomicBoolean stop) throws InterruptedException {
    synchronized (counts) {
      counts.clear();
      latencies.clear();
    }
    sent.set(0);
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int user = u;
      Thread t = new Thread(() -> user(user, end, stop), "load-" + u);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    Map<String, Long> snapshot = new TreeMap<>();
    long[] all;
    synchronized (counts) {
      counts.forEach((k, v) -> snapshot.put(k, v.get()));
      all = latencies.stream().flatMapToLong(a -> Arrays.stream(a)).toArray();
    }
    Arrays.sort(all);
    return new Result(snapshot, all, sent.get());
  }

  /** Requests sent since the last {@link #run} began (each reaches the server). */
  public long sent() {
    return sent.get();
  }

  private void user(int user, long end, AtomicBoolean stop) {
    long[] mine = new long[1024];
    int n = 0;
    for (int i = user * 7; System.nanoTime() < end && !stop.get(); i++) {
      String kind =
          switch (i % 20) {
            case 16, 17 -> "fail";
            case 18 -> "slow";
            default -> "ok";
          };
      long id = ids.incrementAndGet();
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/req?id=" + id + "&kind=" + kind))
              .timeout(kind.equals("slow") ? CANCEL_AFTER : PATIENCE)
              .build();
      long t0 = System.nanoTime();
      String outcome;
      sent.incrementAndGet();
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        outcome = classify(kind, id, r.statusCode(), r.body());
        if (outcome.equals("ok")) {
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = took;
        }
      } catch (HttpTimeoutException e) {
        outcome =
            kind.equals("slow") ? "cancelled by client" : "unexpected: " + kind + " timed out";
      } catch (IOException e) {
        outcome = "unexpected: " + kind + " " + e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      count(outcome);
      if (pauseMillis > 0) {
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    synchronized (counts) {
      latencies.add(Arrays.copyOf(mine, n));
    }
  }

  private static String classify(String kind, long id, int status, String body) {
    if (kind.equals("ok") && status == 200 && body.startsWith("ok " + id + " ")) {
      return "ok";
    }
    if (kind.equals("fail") && status == 500 && body.equals("failed: no price for bad-" + id)) {
      return "failed as asked (500)";
    }
    String why = body.split(":", 2)[0];
    return "unexpected: " + kind + " got " + status + " " + why;
  }

  private void count(String outcome) {
    synchronized (counts) {
      counts.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }
  }
}
