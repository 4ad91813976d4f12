package dev.taskrt.samples.legacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An order service written with no knowledge of taskrt: it prices each item of an order on a thread
 * pool, and its log lines carry the request id from a {@code ThreadLocal}. Nothing here imports
 * taskrt.
 *
 * <p>Run plainly, the pool's threads do not see the request id: their log lines say {@code [-]}.
 * Run under the agent with two options, and with no change to this code, each request becomes a
 * task, each piece of work handed to the pool runs as a child task of its request, and the request
 * id follows the work onto the pool's threads:
 *
 * <pre>
 * -javaagent:taskrt-agent.jar=tasks=dev.taskrt.samples.legacy.OrderService[handle],
 *     threadLocals=dev.taskrt.samples.legacy.RequestContext[REQUEST_ID]
 * </pre>
 */
public final class OrderService {
  private static final Map<String, Integer> PRICES = Map.of("apple", 3, "bread", 4, "cheese", 9);

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  /** Serves three orders, one after the other. */
  public static void main(String[] args) throws Exception {
    OrderService service = new OrderService();
    try {
      service.handle("r-1", List.of("apple", "bread"));
      service.handle("r-2", List.of("cheese"));
      service.handle("r-3", List.of("bread", "cheese", "apple"));
    } finally {
      service.pool.shutdown();
    }
  }

  /** Serves one order: prices its items on the pool and logs the total. */
  int handle(String requestId, List<String> items) throws Exception {
    RequestContext.REQUEST_ID.set(requestId);
    try {
      List<Future<Integer>> prices = new ArrayList<>();
      for (String item : items) {
        prices.add(pool.submit(() -> price(item)));
      }
      int total = 0;
      for (Future<Integer> price : prices) {
        total += price.get();
      }
      log("order of " + items.size() + " items: " + total);
      return total;
    } finally {
      RequestContext.REQUEST_ID.remove();
    }
  }

  private static int price(String item) {
    int price = PRICES.get(item);
    log("priced " + item + " at " + price);
    return price;
  }

  private static void log(String message) {
    synchronized (System.out) {
      System.out.println("[" + RequestContext.requestId() + "] " + message);
    }
  }
}
