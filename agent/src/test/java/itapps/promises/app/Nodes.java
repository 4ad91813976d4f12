package itapps.promises.app;

import itapps.promises.lib.Chain;
import itapps.promises.lib.Node;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes the nodes. Its own class, so that the verifier of the main class loads none of them (an
 * assignment of {@link AppNode} to {@link Node} there would load {@link AppNode} before the main
 * class runs, so before {@code Walker} is rewritten).
 */
public final class Nodes {
  private Nodes() {}

  /** A node of the library's class. */
  public static Node library() {
    return new Chain();
  }

  /** A node of the application's class. */
  public static Node app() {
    return new AppNode();
  }

  /** A node of {@link HiddenNode}'s class file, defined again as a hidden class of this package. */
  public static Node hidden() throws Throwable {
    byte[] bytes;
    try (InputStream in = Nodes.class.getResourceAsStream("HiddenNode.class")) {
      bytes = in.readAllBytes();
    }
    MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
    return (Node)
        lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
  }
}
