package itapps.promises.lib;

/**
 * Under {@code frames=itapps.promises.lib.*[get*]}: {@link #getA} calls a method no pattern names.
 */
public final class Getter {
  private Getter() {}

  public static int getA(int n) {
    return Worker.compute(n) + 1;
  }
}
