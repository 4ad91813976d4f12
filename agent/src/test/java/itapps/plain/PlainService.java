package itapps.plain;

import java.util.concurrent.CompletableFuture;

/**
 * A class that knows nothing of taskrt (no taskrt type in its constant pool): the integration tests
 * make its methods tasks, spawns, frames, foreign calls and boundaries through the agent's pattern
 * options alone.
 */
public final class PlainService {
  private PlainService() {}

  public static void main(String[] args) throws Exception {
    System.out.println("handle ran on " + handleRequest());
    try {
      handleFailure();
    } catch (IllegalStateException e) {
      System.out.println("caller caught IllegalStateException: " + e.getMessage());
    }
    CompletableFuture<String> later = startJob();
    System.out.println("job ran on " + later.get());
    System.out.println("parse gave " + parseGuarded("x"));
    System.out.println("native-like call gave " + callNative(3));
    System.out.println("frame gave " + step(2));
  }

  static String handleRequest() {
    return Thread.currentThread().getName();
  }

  static void handleFailure() {
    throw new IllegalStateException("handler failed");
  }

  static CompletableFuture<String> startJob() {
    return CompletableFuture.completedFuture(Thread.currentThread().getName());
  }

  static int parseGuarded(String text) {
    return Integer.parseInt(text);
  }

  static int callNative(int x) {
    return x + 1;
  }

  static int step(int x) {
    return x * 3;
  }
}
