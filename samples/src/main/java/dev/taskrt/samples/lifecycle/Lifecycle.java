package dev.taskrt.samples.lifecycle;

import dev.taskrt.AtExit;
import dev.taskrt.Kernel;
import dev.taskrt.Spawn;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's life and its orderly end: a weak background flusher, strong workers, and at_exit
 * handlers.
 *
 * <p>Run with {@code exit}: once every worker is busy, the program calls {@code System.exit(3)}.
 * Run with {@code sigterm}: it prints {@code ready} and works until the process gets SIGTERM.
 * Either way taskrt ends it in order: the strong workers are killed and unwind (their hooks save
 * what they have), then the at_exit handlers run, each once, then the weak flusher is killed and
 * does its final flush; the exit status stays the one asked for (143 for SIGTERM).
 */
public final class Lifecycle {
  private static final int WORKERS = 3;
  private static final AtomicInteger FLUSHES = new AtomicInteger();
  private static final AtomicInteger UNITS = new AtomicInteger();
  private static final CountDownLatch BUSY = new CountDownLatch(WORKERS);

  private Lifecycle() {}

  /** {@code exit} or {@code sigterm}. */
  public static void main(String[] args) throws InterruptedException {
    String how = args.length > 0 ? args[0] : "exit";
    flusher();
    for (int i = 1; i <= WORKERS; i++) {
      worker(i);
    }
    BUSY.await();
    System.out.println(
        "main: " + Kernel.strongTasks() + " strong tasks, " + Kernel.weakTasks() + " weak");
    if (how.equals("exit")) {
      System.out.println("main: System.exit(3)");
      System.exit(3);
    }
    System.out.println("ready");
    Tasks.sleep(Duration.ofSeconds(10));
    System.out.println("main: no SIGTERM came");
  }

  /** A background task that should not keep the program alive. */
  @Spawn(name = "flusher", weak = true)
  static void flusher() {
    Tasks.onUnwind(() -> System.out.println("flusher: killed last, final flush"));
    while (true) {
      Tasks.sleep(Duration.ofMillis(20));
      FLUSHES.incrementAndGet();
    }
  }

  /** A worker that works in small units until it is stopped. */
  @Spawn(name = "worker")
  static void worker(int n) {
    Tasks.onUnwind(() -> System.out.println("worker: stopped, partial work saved"));
    BUSY.countDown();
    while (true) {
      Tasks.sleep(Duration.ofMillis(10));
      UNITS.incrementAndGet();
    }
  }

  /** Closes the log, after the workers have stopped. */
  @AtExit("close-log")
  static void closeLog() {
    System.out.println("at_exit close-log: log closed");
  }

  /** Reports what is still running: by now the workers have stopped, the flusher has not. */
  @AtExit("report")
  static void report() {
    System.out.println(
        "at_exit report: workers stopped, flusher "
            + (Kernel.weakTasks() == 1 ? "still running" : "gone"));
  }
}
