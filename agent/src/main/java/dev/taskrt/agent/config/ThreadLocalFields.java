package dev.taskrt.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The value of {@code threadLocals=}: {@code Class[FIELD,FIELD];Class[FIELD]}, exact names. */
public final class ThreadLocalFields {
  /** The valid forms, as messages name them. */
  public static final String FORMS =
      "Class[FIELD,FIELD];Class[FIELD] naming static ThreadLocal fields, e.g."
          + " com.acme.RequestContext[CURRENT]";

  private ThreadLocalFields() {}

  /**
   * Field names by binary class name.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Map<String, List<String>> parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the value is empty");
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String part : text.split(";", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("an empty part between ';'");
      }
      int open = p.indexOf('[');
      if (open < 0 || !p.endsWith("]")) {
        throw new IllegalArgumentException("'" + p + "' is not Class[FIELD,...]");
      }
      String className = p.substring(0, open).trim();
      if (!isQualifiedName(className)) {
        throw new IllegalArgumentException("'" + className + "' is not a class name");
      }
      List<String> names = new ArrayList<>();
      for (String f : p.substring(open + 1, p.length() - 1).split(",", -1)) {
        String field = f.trim();
        if (!isIdentifier(field)) {
          throw new IllegalArgumentException(
              "'" + field + "' in '" + p + "' is not a field name (no wildcards here)");
        }
        names.add(field);
      }
      fields.computeIfAbsent(className, k -> new ArrayList<>()).addAll(names);
    }
    return fields;
  }

  private static boolean isQualifiedName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!isIdentifier(part.replace("$", "_"))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
