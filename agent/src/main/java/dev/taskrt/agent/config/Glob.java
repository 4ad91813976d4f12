package dev.taskrt.agent.config;

/**
 * A name pattern where {@code *} stands for any run of characters (dots included) and every other
 * character stands for itself. Immutable.
 */
public final class Glob {
  private final String text;
  private final String literalPrefix;
  private final boolean wildcard;

  private Glob(String text) {
    this.text = text;
    int star = text.indexOf('*');
    this.wildcard = star >= 0;
    this.literalPrefix = star < 0 ? text : text.substring(0, star);
  }

  /** A glob for that text. */
  public static Glob of(String text) {
    return new Glob(text);
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  /** Whether the pattern has a {@code *} (so it may match names the user did not spell out). */
  public boolean hasWildcard() {
    return wildcard;
  }

  /** Whether {@code name} matches the whole pattern. */
  public boolean matches(String name) {
    if (!wildcard) {
      return text.equals(name);
    }
    if (!name.startsWith(literalPrefix)) {
      return false;
    }
    // Greedy match with backtracking to the last star: linear for patterns like a*b*c.
    int p = 0;
    int n = 0;
    int star = -1;
    int mark = 0;
    while (n < name.length()) {
      if (p < text.length() && text.charAt(p) != '*' && text.charAt(p) == name.charAt(n)) {
        p++;
        n++;
      } else if (p < text.length() && text.charAt(p) == '*') {
        star = p++;
        mark = n;
      } else if (star >= 0) {
        p = star + 1;
        n = ++mark;
      } else {
        return false;
      }
    }
    while (p < text.length() && text.charAt(p) == '*') {
      p++;
    }
    return p == text.length();
  }

  @Override
  public String toString() {
    return text;
  }
}
