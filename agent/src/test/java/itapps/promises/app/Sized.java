package itapps.promises.app;

import itapps.promises.lib.Chain;

/** An application class with a method of {@code Exact.size}'s name and descriptor, unrelated. */
public class Sized extends Chain {
  public int size() {
    return 2;
  }
}
