package itapps.faults;

import dev.taskrt.Kernel;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One task allocates until the heap runs out (run with a small {@code -Xmx}) while another works
 * alongside; the first ends FAILED with the OutOfMemoryError, the second goes on, and later tasks
 * run as before.
 */
public final class OutOfMemoryApp {
  private OutOfMemoryApp() {}

  public static void main(String[] args) {
    long before = Kernel.liveTasks();
    CountDownLatch hogStarted = new CountDownLatch(1);
    TaskHandle<Integer> hog =
        Tasks.builder()
            .name("hog")
            .mode(SpawnMode.SUPERVISED)
            .spawn(
                () -> {
                  List<long[]> held = new ArrayList<>();
                  hogStarted.countDown();
                  while (true) {
                    held.add(new long[128 * 1024]);
                  }
                });
    TaskHandle<Long> steady =
        Tasks.builder()
            .name("steady")
            .spawn(
                () -> {
                  hogStarted.await();
                  long sum = 0;
                  for (int i = 1; i <= 1000; i++) {
                    sum += i;
                    if (i % 100 == 0) {
                      Tasks.yieldNow();
                    }
                  }
                  return sum;
                });
    try {
      hog.join();
      System.out.println("hog returned (it should not)");
    } catch (TaskFailedException e) {
      System.out.println("hog " + hog.state() + ": " + e.getCause().getClass().getName());
    }
    long sum = steady.join();
    System.out.println("steady " + steady.state() + ": " + sum);
    System.out.println("after: " + Tasks.spawn(() -> "a new task runs").join());
    // A joined task is counted out just after its outcome is decided: wait for that, boundedly.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Kernel.liveTasks() != before && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    System.err.println("live tasks before " + before + ", after " + Kernel.liveTasks());
    System.out.println("live tasks back to where they were: " + (Kernel.liveTasks() == before));
  }
}
