package itapps.promises.lib;

/**
 * A call no override can answer: {@link #viaExact} runs exactly {@link #size} (a final class's).
 */
public final class Exact {
  public int size() {
    return 1;
  }

  public static int viaExact(Exact e) {
    return e.size() + 1;
  }
}
