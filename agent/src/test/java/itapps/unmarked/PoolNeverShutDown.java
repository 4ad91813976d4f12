package itapps.unmarked;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool that is never shut down keeps the JVM up for as long as its threads live; here they time
 * out after half a second idle, so the JVM ends by itself once they are gone.
 */
public final class PoolNeverShutDown {
  private PoolNeverShutDown() {}

  public static void main(String[] args) throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(2, 2, 500, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    pool.allowCoreThreadTimeOut(true);
    int sum = 0;
    for (int i = 1; i <= 4; i++) {
      int n = i;
      sum += pool.submit(() -> n * n).get();
    }
    System.out.println("sum of squares " + sum);
    pool.execute(
        () -> {
          try {
            Thread.sleep(300);
            System.out.println("last job finished after main returned");
          } catch (InterruptedException e) {
            System.out.println("last job interrupted");
          }
        });
    System.out.println("main returns, pool left running");
  }
}
