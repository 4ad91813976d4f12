package itapps.faults;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A context named by {@code threadLocals=itapps.faults.CarrierApp[CONTEXT]} whose thread-local
 * throws on every read and write: the work handed to a pool still runs, three times.
 */
public final class CarrierApp {
  static final ThreadLocal<Object> CONTEXT =
      new ThreadLocal<>() {
        @Override
        public Object get() {
          throw new UnsupportedOperationException("CONTEXT cannot be read");
        }

        @Override
        public void set(Object value) {
          throw new UnsupportedOperationException("CONTEXT cannot be written");
        }
      };

  private CarrierApp() {}

  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    for (int i = 1; i <= 3; i++) {
      int n = i;
      System.out.println(pool.submit(() -> "hand-off " + n + " ran").get());
    }
    pool.shutdown();
  }
}
