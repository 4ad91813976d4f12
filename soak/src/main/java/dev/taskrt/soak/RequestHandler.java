package dev.taskrt.soak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.taskrt.TaskLocal;
import dev.taskrt.Tasks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * {@code GET /req?id=ID&kind=KIND}: one request. The agent option {@code
 * tasks=dev.taskrt.soak.RequestHandler[handle]} makes {@link #handle} a task; nothing here names
 * taskrt's annotations.
 *
 * <p>Kinds: {@code ok} sends a job through the worker stage and hands a check to another pool;
 * {@code fail} asks {@link Pricing} for a price it does not have (a 500); {@code slow} answers
 * after 400 ms, after the client has given up; {@code exit} calls {@code System.exit(status)} when
 * the server allows it. Every request checks that nothing of an earlier request is left on its
 * pooled thread (MDC, task-local) and that its own context reached the hand-off: a 500 saying
 * "leak" or "context" otherwise.
 */
final class RequestHandler implements HttpHandler {
  /** The request's id, for the request's task and the work it hands off. */
  static final TaskLocal<String> REQUEST = TaskLocal.inheritable("soak.request");

  private final WorkerStage stage;
  private final ExecutorService checks;
  private final boolean allowExit;
  private final AtomicLong served = new AtomicLong();

  RequestHandler(WorkerStage stage, ExecutorService checks, boolean allowExit) {
    this.stage = stage;
    this.checks = checks;
    this.allowExit = allowExit;
  }

  long served() {
    return served.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String id = query.getOrDefault("id", "?");
    String kind = query.getOrDefault("kind", "ok");
    boolean inTask = Tasks.inTask();
    String leftOver = MDC.get("request");
    if (leftOver == null && inTask) {
      leftOver = REQUEST.get();
    }
    MDC.put("request", id);
    try {
      if (leftOver != null) {
        reply(exchange, 500, "leak: found " + leftOver + " on the thread");
        return;
      }
      if (inTask) {
        REQUEST.set(id);
      }
      switch (kind) {
        case "ok" -> ok(exchange, id, inTask, query);
        case "fail" -> fail(exchange, id);
        case "slow" -> slow(exchange, id);
        case "exit" -> exit(exchange, query);
        default -> reply(exchange, 400, "unknown kind " + kind);
      }
    } finally {
      MDC.remove("request");
      served.incrementAndGet();
    }
  }

  private void ok(HttpExchange exchange, String id, boolean inTask, Map<String, String> query)
      throws IOException {
    int n = Integer.parseInt(query.getOrDefault("n", "2000"));
    long sum = stage.compute(n);
    String seen;
    try {
      seen =
          CompletableFuture.supplyAsync(() -> MDC.get("request") + "|" + REQUEST.get(), checks)
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      reply(exchange, 500, "check failed: " + e);
      return;
    }
    // Under the agent the hand-off carries the MDC and the task-local; without it, neither.
    String expected = inTask ? id + "|" + id : "null|null";
    if (!seen.equals(expected)) {
      reply(exchange, 500, "context: the hand-off saw " + seen + ", expected " + expected);
      return;
    }
    long price = Pricing.quote("item-" + id, sum);
    reply(exchange, 200, "ok " + id + " " + price);
  }

  private void fail(HttpExchange exchange, String id) throws IOException {
    try {
      Pricing.quote("bad-" + id, 0);
      reply(exchange, 200, "priced bad-" + id + " (it should not)");
    } catch (IllegalStateException e) {
      reply(exchange, 500, "failed: " + e.getMessage());
    }
  }

  private void slow(HttpExchange exchange, String id) throws IOException {
    try {
      Thread.sleep(400);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reply(exchange, 200, "slow " + id);
  }

  private void exit(HttpExchange exchange, Map<String, String> query) throws IOException {
    if (!allowExit) {
      reply(exchange, 403, "exit not allowed");
      return;
    }
    int status = Integer.parseInt(query.getOrDefault("status", "3"));
    System.out.println("request calls System.exit(" + status + ")");
    System.exit(status);
  }

  static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return query;
  }
}
