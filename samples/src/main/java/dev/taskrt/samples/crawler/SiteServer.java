package dev.taskrt.samples.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web site on the loopback interface (an ephemeral port): {@code /page/N} answers after
 * {@code delayMillis} with a page of {@code N * 100} bytes; {@code /bad} answers at once with HTTP
 * 500.
 */
final class SiteServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(8, SiteServer::daemon);

  SiteServer(long delayMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/page/", exchange -> page(exchange, delayMillis));
    server.createContext("/bad", exchange -> answer(exchange, 500, "server error"));
    server.setExecutor(handlers);
    server.start();
  }

  /** The site's address, e.g. {@code http://127.0.0.1:41234}. */
  URI base() {
    InetSocketAddress at = server.getAddress();
    return URI.create("http://" + at.getHostString() + ":" + at.getPort());
  }

  private static void page(HttpExchange exchange, long delayMillis) throws IOException {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String path = exchange.getRequestURI().getPath();
    int n = Integer.parseInt(path.substring("/page/".length()));
    answer(exchange, 200, "x".repeat(n * 100));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "site-server");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
