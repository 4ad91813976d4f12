package itapps.promises.lib;

/** One hop of a walk through {@link Raise}; {@link Back} is the library's own. */
public abstract class Hop {
  /** One hop further. */
  public abstract int hop(int depth);
}
