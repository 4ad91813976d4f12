package dev.taskrt.soak;

import com.sun.net.httpserver.HttpServer;
import dev.taskrt.Kernel;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The soak's server: the JDK's HTTP server on loopback, a pool of eight request threads, a worker
 * stage of two pipe-fed tasks and a pool for hand-off checks. Prints {@code port N}, then {@code
 * ready}; {@code GET /stats} answers {@code live=L heap=H served=S} (heap after a full GC); {@code
 * GET /stop} stops it in order and main returns. An at_exit handler prints how many requests were
 * served, on every exit path.
 *
 * <p>Arguments: {@code --allow-exit} lets {@code kind=exit} requests call {@code System.exit}.
 */
public final class SoakServer {
  private SoakServer() {}

  /** Runs the server until {@code GET /stop}. */
  public static void main(String[] args) throws Exception {
    boolean allowExit = List.of(args).contains("--allow-exit");
    // SLF4J binds its MDC adapter now, not in a race between the first requests.
    LoggerFactory.getILoggerFactory();
    WorkerStage stage = new WorkerStage(2, 64);
    ExecutorService checks = Executors.newFixedThreadPool(2);
    ExecutorService requests = Executors.newFixedThreadPool(8);
    RequestHandler handler = new RequestHandler(stage, checks, allowExit);
    Kernel.atExit("soak.report", () -> System.out.println("at_exit: served " + handler.served()));
    CountDownLatch stop = new CountDownLatch(1);

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(requests);
    server.createContext("/req", handler);
    server.createContext(
        "/stats", exchange -> RequestHandler.reply(exchange, 200, stats(handler.served())));
    server.createContext(
        "/stop",
        exchange -> {
          RequestHandler.reply(exchange, 200, "stopping");
          stop.countDown();
        });
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.println("ready");

    stop.await();
    server.stop(0);
    requests.shutdown();
    checks.shutdown();
    if (!requests.awaitTermination(30, TimeUnit.SECONDS)
        || !checks.awaitTermination(30, TimeUnit.SECONDS)) {
      System.out.println("pools did not end");
    }
    int jobs = stage.close();
    System.out.println("stopped: " + jobs + " jobs through the worker stage");
  }

  private static String stats(long served) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return "live=" + Kernel.liveTasks() + " heap=" + heap + " served=" + served;
  }
}
