package itapps.unmarked;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A pool thread calls {@code System.exit(3)} while main waits; a shutdown hook reports. */
public final class ExitFromPoolThread {
  private ExitFromPoolThread() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran"), "hook"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch never = new CountDownLatch(1);
    pool.execute(
        () -> {
          System.out.println("pool thread calls System.exit(3)");
          System.exit(3);
        });
    never.await();
    System.out.println("main woke up (it should not)");
  }
}
