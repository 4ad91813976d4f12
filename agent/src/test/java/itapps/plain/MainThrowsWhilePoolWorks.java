package itapps.plain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A program that names nothing of taskrt: main hands two pieces of work to a one-thread pool (the
 * first running, the second queued behind it), shuts the pool down and throws. Without taskrt both
 * pieces finish and the JVM exits with status 1 once the pool is done.
 */
public final class MainThrowsWhilePoolWorks {
  private MainThrowsWhilePoolWorks() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          work("running");
        });
    pool.execute(() -> work("queued"));
    started.await();
    pool.shutdown();
    System.out.println("main throws");
    throw new IllegalStateException("main fails on purpose");
  }

  private static void work(String which) {
    try {
      Thread.sleep(500);
      System.out.println(which + " work done");
    } catch (InterruptedException e) {
      System.out.println(which + " work interrupted");
    }
  }
}
