package itapps.promises.lib;

/**
 * A hop that goes back to {@link Raise#enter}: small and loop-free, so the fourth rule may leave it
 * without a frame too, and {@code Back.hop}, {@code Raise.enter} and {@code Raise.step} make a
 * cycle of which at least one keeps its frame.
 */
public class Back extends Hop {
  @Override
  public int hop(int depth) {
    return depth == 0 ? 0 : Raise.enter(this, depth - 1);
  }
}
