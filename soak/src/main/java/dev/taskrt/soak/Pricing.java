package dev.taskrt.soak;

/**
 * The server's inner step. It knows nothing of taskrt: the agent option {@code
 * tasks=dev.taskrt.soak.Pricing[quote]} makes {@link #quote} a task, so a failing quote shows as a
 * FAILED task in the recording while its caller catches the exception as usual.
 */
final class Pricing {
  private Pricing() {}

  /** The price of an item; items named {@code bad-*} have none. */
  static long quote(String item, long base) {
    if (item.startsWith("bad-")) {
      throw new IllegalStateException("no price for " + item);
    }
    return base + item.length();
  }
}
