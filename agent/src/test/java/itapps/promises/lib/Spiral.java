package itapps.promises.lib;

/**
 * A method that calls its own name and descriptor through a subclass that inherits it: {@link
 * #turn} on an {@link Inner} is {@link #turn} again, a direct recursion the fourth rule must not
 * take for a delegation to another class.
 */
public class Spiral {
  public int turn(Inner next, int depth) {
    return depth == 0 ? 0 : next.turn(next, depth - 1) + 1;
  }

  /** A spiral that declares nothing of its own. */
  public static class Inner extends Spiral {}
}
