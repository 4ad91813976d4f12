package dev.taskrt.internal;

/** Not API. Byte sizes written as {@code 512}, {@code 64k} or {@code 8m}. */
public final class Sizes {
  private Sizes() {}

  /**
   * Parses a size; empty or null gives {@code whenEmpty}.
   *
   * @throws IllegalArgumentException naming the text and the valid forms
   */
  public static long parse(String text, long whenEmpty) {
    if (text == null || text.isBlank()) {
      return whenEmpty;
    }
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    char last = t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long value = Long.parseLong(t);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(value, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size: use bytes with an optional k, m or g suffix, e.g. 512k");
    }
  }
}
