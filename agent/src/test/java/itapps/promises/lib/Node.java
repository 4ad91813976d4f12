package itapps.promises.lib;

/** A node of the library: {@link Walker#step} calls {@link #next} on whichever node it is given. */
public abstract class Node {
  /** One step further; each implementation calls {@link Walker#step} again. */
  public abstract int next(int depth);
}
