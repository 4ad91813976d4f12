package itapps.promises.lib;

/** Its {@link #compute} is not named by {@code [get*]}: it gets no frame, and recurses via getA. */
public final class Worker {
  private Worker() {}

  public static int compute(int n) {
    return n == 0 ? 0 : Getter.getA(n - 1) + 1;
  }
}
