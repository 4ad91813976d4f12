package itapps.unmarked;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A request loop that leans on thread-locals the way servers do: a plain {@code ThreadLocal} set
 * per request and never removed (so the pooled thread's next request sees the last value), an
 * {@code InheritableThreadLocal} set in main before the pool's thread exists, and a second pool
 * that reads both.
 */
public final class ThreadLocalRequestLoop {
  private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
  private static final InheritableThreadLocal<String> TENANT = new InheritableThreadLocal<>();
  private static final ThreadLocal<int[]> COUNTER = ThreadLocal.withInitial(() -> new int[1]);

  private ThreadLocalRequestLoop() {}

  public static void main(String[] args) throws Exception {
    TENANT.set("acme");
    REQUEST.set("main-request");
    ExecutorService workers = Executors.newSingleThreadExecutor();
    ExecutorService audit = Executors.newSingleThreadExecutor();
    int stale = 0;
    int fresh = 0;
    int auditSawRequest = 0;
    String tenants = "";
    for (int i = 0; i < 300; i++) {
      String id = "r-" + i;
      Future<String[]> seen =
          workers.submit(
              () -> {
                String before = REQUEST.get();
                REQUEST.set(id);
                COUNTER.get()[0]++;
                String inAudit = audit.submit(REQUEST::get).get();
                return new String[] {before, TENANT.get(), inAudit};
              });
      String[] r = seen.get(10, TimeUnit.SECONDS);
      if (r[0] == null) {
        fresh++;
      } else {
        stale++;
      }
      if (r[2] != null) {
        auditSawRequest++;
      }
      if (!tenants.contains(String.valueOf(r[1]))) {
        tenants += r[1] + " ";
      }
    }
    int count = workers.submit(() -> COUNTER.get()[0]).get();
    System.out.println("requests: 300, fresh thread-local: " + fresh + ", stale: " + stale);
    System.out.println("tenants seen in the pool: " + tenants.trim());
    System.out.println("audit pool saw a request id: " + auditSawRequest + " times");
    System.out.println("the worker's own counter: " + count);
    System.out.println("main's request still: " + REQUEST.get());
    workers.shutdown();
    audit.shutdown();
  }
}
