package itapps.promises.app;

import itapps.promises.lib.Node;
import itapps.promises.lib.Walker;

/**
 * The same node as {@link AppNode}, never loaded by name: its class file is defined as a hidden
 * class, which no class file transformer sees.
 */
public class HiddenNode extends Node {
  @Override
  public int next(int depth) {
    return depth == 0 ? 0 : Walker.step(this, depth - 1);
  }
}
