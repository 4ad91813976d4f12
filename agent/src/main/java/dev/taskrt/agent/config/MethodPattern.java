package dev.taskrt.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code Class[method,method]{key=value,...}} part of a method pattern option. Immutable.
 *
 * @param classGlob matches binary class names ({@code com.acme.Service$Inner})
 * @param methodGlobs match method names
 * @param text the part as written, without its braces, for messages
 * @param options the annotation options in braces ({@link PatternOptions#NONE} without)
 */
public record MethodPattern(
    Glob classGlob, List<Glob> methodGlobs, String text, PatternOptions options) {

  /** The valid forms, as messages name them. */
  public static final String FORMS =
      "Class[method,method];Class[method] with * as a wildcard, e.g. com.acme.*Service[handle*],"
          + " each optionally followed by the annotation's elements in braces, e.g."
          + " com.acme.Mailer[send]{weak=true,scheduler=platform}";

  /** Whether the class name (binary, dots) matches. */
  public boolean matchesClass(String className) {
    return classGlob.matches(className);
  }

  /** The first method glob matching that name, or null. */
  public Glob methodMatch(String methodName) {
    for (Glob glob : methodGlobs) {
      if (glob.matches(methodName)) {
        return glob;
      }
    }
    return null;
  }

  /**
   * Parses {@code Class[m,m];Class[m]}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static List<MethodPattern> parseList(String text) {
    return parseList(text, "Frame");
  }

  /**
   * Parses {@code Class[m,m]{k=v};Class[m]} for patterns standing for the annotation {@code kind}
   * ({@code Task}, ...), whose elements the braces may set. Bad braces do not fail the pattern: its
   * {@link PatternOptions#problem} says what is wrong.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static List<MethodPattern> parseList(String text, String kind) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the pattern is empty");
    }
    List<MethodPattern> patterns = new ArrayList<>();
    for (String part : text.split(";", -1)) {
      String[] split = PatternOptions.splitBraces(part.trim());
      MethodPattern p = parseOne(split[0]);
      PatternOptions options =
          split[1] == null ? PatternOptions.NONE : PatternOptions.parse(split[1], kind);
      patterns.add(new MethodPattern(p.classGlob, p.methodGlobs, split[0], options));
    }
    return List.copyOf(patterns);
  }

  private static MethodPattern parseOne(String part) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("an empty part between ';'");
    }
    int open = part.indexOf('[');
    if (open < 0) {
      throw new IllegalArgumentException("'" + part + "' names no methods (add [method] or [*])");
    }
    if (!part.endsWith("]")) {
      throw new IllegalArgumentException("'" + part + "' does not end with ']'");
    }
    String className = part.substring(0, open).trim();
    String methods = part.substring(open + 1, part.length() - 1);
    if (className.isEmpty()) {
      throw new IllegalArgumentException("'" + part + "' has no class before '['");
    }
    checkName(className, true, part);
    if (methods.indexOf('[') >= 0 || methods.indexOf(']') >= 0) {
      throw new IllegalArgumentException("'" + part + "' has unbalanced brackets");
    }
    List<Glob> methodGlobs = new ArrayList<>();
    for (String method : methods.split(",", -1)) {
      String m = method.trim();
      if (m.isEmpty()) {
        throw new IllegalArgumentException("'" + part + "' has an empty method name");
      }
      checkName(m, false, part);
      methodGlobs.add(Glob.of(m));
    }
    return new MethodPattern(
        Glob.of(className), List.copyOf(methodGlobs), part, PatternOptions.NONE);
  }

  private static void checkName(String name, boolean isClass, String part) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          c == '*' || Character.isJavaIdentifierPart(c) || (isClass && (c == '.' || c == '$'));
      if (!ok) {
        throw new IllegalArgumentException(
            "'"
                + part
                + "' has '"
                + c
                + "' in "
                + (isClass ? "class name '" : "method name '")
                + name
                + "'");
      }
    }
  }
}
