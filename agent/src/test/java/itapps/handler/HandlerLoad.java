package itapps.handler;

import dev.taskrt.Tasks;

/**
 * Methods for {@code frames=itapps.handler.*[*]}: a framed method runs many times without an
 * exception (long enough for the JIT to compile it), then once with one, whose frame's {@code
 * onUnwind} hook must run as the exception crosses the frame, before the caller catches it. The
 * class of the handler's entry point must not be loaded before that first exception.
 */
public final class HandlerLoad {
  private static final Runnable UNWOUND = () -> System.out.println("unwound");

  private HandlerLoad() {}

  /** Framed: it calls, and it loops. */
  static int maybeFail(int n, boolean fail) {
    Tasks.onUnwind(UNWOUND);
    int s = 0;
    for (int i = 0; i < (n & 7); i++) {
      s += i;
    }
    if (fail) {
      throw new IllegalStateException("failed at " + n);
    }
    return s;
  }

  public static void main(String[] args) {
    long sum = 0;
    for (int i = 0; i < 50_000; i++) {
      sum += maybeFail(i, false);
    }
    System.out.println("quiet: " + sum);
    try {
      maybeFail(50_000, true);
      System.out.println("not thrown");
    } catch (IllegalStateException e) {
      System.out.println("caught: " + e.getMessage());
    }
    try {
      maybeFail(50_001, true);
    } catch (IllegalStateException e) {
      System.out.println("caught: " + e.getMessage());
    }
  }
}
