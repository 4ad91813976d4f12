package dev.taskrt.samples.deep;

import dev.taskrt.Frame;

/**
 * A recursive-descent parser for nested lists of numbers, such as {@code [1,[2,3],[[4]]]}: one Java
 * call per nesting level, so the input decides how deep the stack goes. Each level is a
 * {@code @Frame}: it counts in the task's stack accounting, where a stack limit can stop it.
 */
final class NestedLists {
  private final String input;
  private int at;
  private int depth;
  private int maxDepth;

  private NestedLists(String input) {
    this.input = input;
  }

  /** What a parse found. */
  record Parsed(long sum, int maxDepth) {}

  /** Parses a whole input. */
  static Parsed parse(String input) {
    NestedLists parser = new NestedLists(input);
    long sum = parser.value();
    if (parser.at != input.length()) {
      throw parser.error("end of input");
    }
    return new Parsed(sum, parser.maxDepth);
  }

  /** value := number | '[' (value (',' value)*)? ']' ; returns the sum of its numbers. */
  @Frame
  private long value() {
    if (at < input.length() && input.charAt(at) == '[') {
      return list();
    }
    int start = at;
    while (at < input.length() && Character.isDigit(input.charAt(at))) {
      at++;
    }
    if (start == at) {
      throw error("a number or '['");
    }
    return Long.parseLong(input.substring(start, at));
  }

  private long list() {
    at++;
    maxDepth = Math.max(maxDepth, ++depth);
    long sum = 0;
    if (peek() != ']') {
      sum += value();
      while (peek() == ',') {
        at++;
        sum += value();
      }
    }
    if (peek() != ']') {
      throw error("',' or ']'");
    }
    at++;
    depth--;
    return sum;
  }

  private char peek() {
    return at < input.length() ? input.charAt(at) : '\0';
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("expected " + expected + " at offset " + at);
  }
}
