package itapps.promises.lib;

/**
 * Calls into the library through {@code Runnable}, a type no pattern covers: {@link #hop}'s frame
 * folds in nothing for what {@code run} runs without a frame, so {@link Entered#run}, which a
 * recursion through {@code hop} enters straight from that call, keeps its frame.
 */
public final class Entry {
  private static int depth;

  private Entry() {}

  static void hop(Runnable r, long x) {
    if (depth-- > 0) {
      r.run();
    }
  }

  /** Recurses {@code d} times through {@link Entered}. */
  public static int start(int d) {
    depth = d;
    hop(Entered.ONE, 0);
    return depth;
  }

  static int depth() {
    return depth;
  }
}
