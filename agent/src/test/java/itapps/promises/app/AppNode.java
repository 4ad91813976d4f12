package itapps.promises.app;

import itapps.promises.lib.Node;
import itapps.promises.lib.Walker;

/**
 * The application's node, outside every pattern, loaded after {@link Walker#step} was left without
 * a frame: the agent frames its {@code next}, which the promise covers.
 */
public class AppNode extends Node {
  @Override
  public int next(int depth) {
    return depth == 0 ? 0 : Walker.step(this, depth - 1);
  }
}
