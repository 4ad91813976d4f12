package itapps.unmarked;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A chain of stages across the common pool and an own pool, one failing, one recovering. */
public final class CompletableFutureChain {
  private CompletableFutureChain() {}

  public static void main(String[] args) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CompletableFuture<Integer> sum =
        CompletableFuture.supplyAsync(() -> 20)
            .thenApplyAsync(n -> n + 1, pool)
            .thenCompose(n -> CompletableFuture.supplyAsync(() -> n * 2, pool))
            .thenCombine(CompletableFuture.supplyAsync(() -> 0), Integer::sum);
    System.out.println("chain gave " + sum.join());

    CompletableFuture<String> failing =
        CompletableFuture.supplyAsync(() -> "x", pool)
            .thenApply(
                s -> {
                  if (s.equals("x")) {
                    throw new IllegalStateException("stage failed on " + s);
                  }
                  return s;
                });
    try {
      failing.join();
    } catch (CompletionException e) {
      System.out.println("join threw " + e.getCause());
    }
    String recovered =
        failing.exceptionally(e -> "recovered from " + e.getCause().getMessage()).join();
    System.out.println(recovered);
    CompletableFuture<Void> all =
        CompletableFuture.allOf(
            CompletableFuture.runAsync(() -> System.out.print(""), pool),
            CompletableFuture.runAsync(() -> {}));
    all.join();
    System.out.println("all done: " + all.isDone());
    pool.shutdown();
  }
}
