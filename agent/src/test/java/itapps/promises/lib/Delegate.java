package itapps.promises.lib;

/**
 * A call of a method's own name and descriptor on another class: {@link #pass} hands each step to a
 * {@link Relay}, which is not a {@code Delegate}, so that call can never run {@link #pass} itself,
 * and it may go without a frame. {@link Relay#pass} hands it back: a recursion through two methods
 * of one name and descriptor, of which at most one goes without a frame.
 */
public class Delegate {
  private final Relay to;

  public Delegate(Relay to) {
    this.to = to;
  }

  public int pass(int depth) {
    return to.pass(depth);
  }
}
