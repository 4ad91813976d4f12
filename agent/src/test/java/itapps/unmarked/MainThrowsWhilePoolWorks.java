package itapps.unmarked;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Main hands three jobs to a pool and throws while they run; the jobs still finish. */
public final class MainThrowsWhilePoolWorks {
  private MainThrowsWhilePoolWorks() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch started = new CountDownLatch(1);
    for (int i = 1; i <= 3; i++) {
      int job = i;
      pool.execute(
          () -> {
            started.countDown();
            try {
              Thread.sleep(150);
              System.out.println("job " + job + " finished");
            } catch (InterruptedException e) {
              System.out.println("job " + job + " interrupted");
            }
          });
    }
    pool.shutdown();
    started.await();
    System.out.println("main throws while the pool works");
    throw new IllegalStateException("main gives up");
  }
}
