package itapps.promises.lib;

/**
 * Its {@link #step} is small, loop-free and makes one virtual call, of an abstract method of the
 * library: under {@code frames=itapps.promises.lib.*[*]} it keeps no frame, counting on every
 * implementation of {@link Node#next} to keep one (a promise).
 */
public final class Walker {
  private Walker() {}

  /** One step: no frame of its own. */
  public static int step(Node node, int depth) {
    return node.next(depth) + 1;
  }
}
