package itapps.promises.lib;

import java.util.function.IntSupplier;

/**
 * Small loop-free methods of the shapes the fourth rule must refuse or may take: a call through an
 * interface, of a constructor, of a method every object has, and two calls of one promised key.
 */
public final class Shapes {
  private Shapes() {}

  /** A call through an interface: any class may implement it, unseen. Keeps its frame. */
  public static int viaInterface(IntSupplier s) {
    return s.getAsInt() + 1;
  }

  /** A constructor runs without a frame under a wildcard. Keeps its frame. */
  public static Node makes() {
    return new Chain();
  }

  /** Every class may override {@code hashCode}. Keeps its frame. */
  public static int hashes(Node n) {
    return n.hashCode() + 1;
  }

  /** Two calls of one key every implementation of which keeps a frame: no frame of its own. */
  public static int twice(Node n, int depth) {
    return n.next(depth) + n.next(depth);
  }
}
