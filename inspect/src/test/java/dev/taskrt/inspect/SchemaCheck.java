package dev.taskrt.inspect;

import static dev.taskrt.inspect.JsonValue.array;
import static dev.taskrt.inspect.JsonValue.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed JSON value against the subset of JSON Schema that docs/inspect-schema.json uses
 * ({@code $ref}, {@code type}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code enum}, {@code const}, {@code oneOf}); returns what does not match.
 */
final class SchemaCheck {
  private final Object root;
  private final List<String> problems = new ArrayList<>();

  private SchemaCheck(Object root) {
    this.root = root;
  }

  static List<String> check(Object schema, Object value) {
    SchemaCheck c = new SchemaCheck(schema);
    c.check(schema, value, "$");
    return c.problems;
  }

  private void check(Object schemaNode, Object value, String path) {
    Map<String, Object> s = object(schemaNode);
    if (s.containsKey("$ref")) {
      String ref = (String) s.get("$ref");
      Object target = root;
      for (String part : ref.substring(2).split("/")) {
        target = object(target).get(part);
      }
      check(target, value, path);
      return;
    }
    if (s.containsKey("oneOf")) {
      int matches = 0;
      for (Object option : array(s.get("oneOf"))) {
        if (matches(option, value)) {
          matches++;
        }
      }
      if (matches != 1) {
        problems.add(path + ": matches " + matches + " of the oneOf options");
      }
      return;
    }
    if (s.containsKey("const") && !s.get("const").equals(value)) {
      problems.add(path + ": expected " + s.get("const") + ", was " + value);
    }
    if (s.containsKey("enum") && !array(s.get("enum")).contains(value)) {
      problems.add(path + ": " + value + " is not one of " + s.get("enum"));
    }
    if (s.containsKey("type")) {
      Object type = s.get("type");
      List<Object> types = type instanceof List ? array(type) : List.of(type);
      if (types.stream().noneMatch(t -> isType((String) t, value))) {
        problems.add(path + ": expected " + types + ", was " + describe(value));
        return;
      }
    }
    if (value instanceof Map) {
      Map<String, Object> v = object(value);
      Map<String, Object> props =
          s.containsKey("properties") ? object(s.get("properties")) : Map.of();
      if (s.containsKey("required")) {
        for (Object r : array(s.get("required"))) {
          if (!v.containsKey((String) r)) {
            problems.add(path + ": missing " + r);
          }
        }
      }
      for (Map.Entry<String, Object> e : v.entrySet()) {
        String p = path + "." + e.getKey();
        if (props.containsKey(e.getKey())) {
          check(props.get(e.getKey()), e.getValue(), p);
        } else if (Boolean.FALSE.equals(s.get("additionalProperties"))) {
          problems.add(p + ": not in the schema");
        } else if (s.get("additionalProperties") instanceof Map) {
          check(s.get("additionalProperties"), e.getValue(), p);
        }
      }
    }
    if (value instanceof List && s.containsKey("items")) {
      List<Object> list = array(value);
      for (int i = 0; i < list.size(); i++) {
        check(s.get("items"), list.get(i), path + "[" + i + "]");
      }
    }
  }

  private boolean matches(Object schemaNode, Object value) {
    SchemaCheck c = new SchemaCheck(root);
    c.check(schemaNode, value, "");
    return c.problems.isEmpty();
  }

  private static boolean isType(String type, Object value) {
    switch (type) {
      case "object":
        return value instanceof Map;
      case "array":
        return value instanceof List;
      case "string":
        return value instanceof String;
      case "boolean":
        return value instanceof Boolean;
      case "null":
        return value == null;
      case "number":
        return value instanceof Double;
      case "integer":
        return value instanceof Double && (Double) value == Math.rint((Double) value);
      default:
        throw new IllegalArgumentException("schema type " + type);
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
