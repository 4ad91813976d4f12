package itapps.legacy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;

/** SLF4J's MDC (logback's adapter) set in the main task, read in work handed to a pool. */
public final class MdcApp {
  private MdcApp() {}

  public static void main(String[] args) throws Exception {
    MDC.put("request", "r-7");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    System.out.println(
        "in the pool: request=" + pool.submit(() -> MDC.get("request")).get(30, TimeUnit.SECONDS));
    AtomicReference<String> after = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    // From outside any task (a Thread subclass overriding run() is not a hand-off): not wrapped.
    Thread outside =
        new Thread() {
          @Override
          public void run() {
            pool.execute(
                () -> {
                  after.set(MDC.get("request"));
                  done.countDown();
                });
          }
        };
    outside.start();
    done.await(30, TimeUnit.SECONDS);
    System.out.println("pooled thread afterwards: request=" + after.get());
    System.out.println("main afterwards: request=" + MDC.get("request"));
    pool.shutdown();
  }
}
