package itapps.promises.lib;

/** The library's own node: framed, so a recursion through it and {@link Walker#step} is caught. */
public class Chain extends Node {
  @Override
  public int next(int depth) {
    return depth == 0 ? 0 : Walker.step(this, depth - 1);
  }
}
