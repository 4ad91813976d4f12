package itapps.promises.lib;

/**
 * {@link #byColour} calls {@link Node#next} and its enum's {@code ordinal()}: the enum declares no
 * {@code ordinal()}, so the call resolves to {@code Enum.ordinal()}, final and closed, and the
 * method may go without a frame.
 */
public class Switches {
  /** An enum of the library. */
  public enum Colour {
    RED,
    GREEN
  }

  public int byColour(Node n, Colour c, int depth) {
    return n.next(depth) + c.ordinal();
  }
}
