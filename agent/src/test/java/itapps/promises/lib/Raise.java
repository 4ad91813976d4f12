package itapps.promises.lib;

/**
 * A pass-through that counts on a method the fourth rule may leave out: {@link #enter} calls only
 * {@link #step} of its own class (the second rule leaves it without a frame, counting on {@code
 * step}'s), and {@code step} calls {@link Hop#hop}. When {@code step} goes without a frame, {@code
 * enter} is given a level above it; when {@code enter}'s key is already promised below that (a
 * {@link Back} planned first counted on it), {@code step} keeps its frame.
 */
public class Raise {
  public static int enter(Hop h, int depth) {
    return step(h, depth) + 1;
  }

  static int step(Hop h, int depth) {
    return h.hop(depth);
  }
}
