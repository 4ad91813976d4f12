package itapps.promises.lib;

/**
 * A {@code Runnable} of the library whose {@link #run} goes back to {@link Entry#hop} through three
 * small methods with many locals (each a frame of about 240 bytes by the estimate): without a frame
 * on {@code run}, the fourth rule would leave all four out, and each trip of the recursion would
 * add only {@code hop}'s small estimate while the real stack grew by more than a kilobyte.
 */
public final class Entered implements Runnable {
  static final Entered ONE = new Entered();

  @Override
  public void run() {
    third(Entry.depth());
  }

  static void third(long x) {
    long a = x, b = a + 1, c = b + 1, d = c + 1, e = d + 1, f = e + 1, g = f + 1, h = g + 1;
    long i = h + 1, j = i + 1, k = j + 1;
    second(a + b + c + d + e + f + g + h + i + j + k);
  }

  static void second(long x) {
    long a = x, b = a + 1, c = b + 1, d = c + 1, e = d + 1, f = e + 1, g = f + 1, h = g + 1;
    long i = h + 1, j = i + 1, k = j + 1;
    first(a + b + c + d + e + f + g + h + i + j + k);
  }

  static void first(long x) {
    long a = x, b = a + 1, c = b + 1, d = c + 1, e = d + 1, f = e + 1, g = f + 1, h = g + 1;
    long i = h + 1, j = i + 1, k = j + 1;
    Entry.hop(ONE, a + b + c + d + e + f + g + h + i + j + k);
  }
}
