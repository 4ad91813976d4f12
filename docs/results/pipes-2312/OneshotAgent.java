import dev.taskrt.Pipe;
import dev.taskrt.Pipes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;

public class OneshotAgent {
  static final Object MESSAGE = new Object();
  static Object sink;

  static Object oneshot() {
    Pipe<Object> pipe = Pipes.oneshot();
    pipe.chan().send(MESSAGE);
    return pipe.port().recv();
  }

  static Object cf() throws Exception {
    CompletableFuture<Object> f = new CompletableFuture<>();
    f.complete(MESSAGE);
    return f.get();
  }

  static double run(boolean pipe, int n) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink = pipe ? oneshot() : cf();
    }
    return (mx.getCurrentThreadCpuTime() - c0) / (double) n;
  }

  public static void main(String[] args) throws Exception {
    int n = 20_000_000;
    Runnable body = () -> {
      try {
        for (int round = 0; round < 6; round++) {
          double p = run(true, n);
          double c = run(false, n);
          if (round >= 2) System.out.printf("%s oneshot %.2f ns  cf %.2f ns  ratio %.2f%n", Thread.currentThread().getName(), p, c, p / c);
        }
      } catch (Exception e) { throw new RuntimeException(e); }
    };
    Thread t = new Thread(body, "app-thread");
    t.start();
    t.join();
  }
}
