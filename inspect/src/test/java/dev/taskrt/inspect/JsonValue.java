package dev.taskrt.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON parser for the tests: objects become {@code Map}, arrays {@code List},
 * numbers {@code Double}; anything malformed throws, so a test also checks the output is JSON.
 */
final class JsonValue {
  private final String text;
  private int pos;

  private JsonValue(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    JsonValue p = new JsonValue(text.strip());
    Object value = p.value();
    if (p.pos != p.text.length()) {
      throw new IllegalArgumentException("trailing text at " + p.pos);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    return (List<Object>) value;
  }

  /** Follows a path of keys (objects) and indexes (arrays). */
  static Object at(Object root, Object... path) {
    Object v = root;
    for (Object step : path) {
      v = step instanceof Integer ? array(v).get((Integer) step) : object(v).get((String) step);
    }
    return v;
  }

  private Object value() {
    skip();
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return obj();
      case '[':
        return arr();
      case '"':
        return str();
      case 't':
        expect("true");
        return Boolean.TRUE;
      case 'f':
        expect("false");
        return Boolean.FALSE;
      case 'n':
        expect("null");
        return null;
      default:
        return num();
    }
  }

  private Map<String, Object> obj() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skip();
    if (text.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      skip();
      String key = str();
      skip();
      expect(":");
      if (map.put(key, value()) != null) {
        throw new IllegalArgumentException("duplicate key " + key);
      }
      skip();
      char c = text.charAt(pos++);
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at " + (pos - 1));
      }
    }
  }

  private List<Object> arr() {
    List<Object> list = new ArrayList<>();
    pos++;
    skip();
    if (text.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skip();
      char c = text.charAt(pos++);
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or ] at " + (pos - 1));
      }
    }
  }

  private String str() {
    expect("\"");
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("control character in string at " + (pos - 1));
      }
      if (c == '\\') {
        char e = text.charAt(pos++);
        switch (e) {
          case 'n':
            b.append('\n');
            break;
          case 't':
            b.append('\t');
            break;
          case 'r':
            b.append('\r');
            break;
          case 'b':
            b.append('\b');
            break;
          case 'f':
            b.append('\f');
            break;
          case 'u':
            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          case '"':
          case '\\':
          case '/':
            b.append(e);
            break;
          default:
            throw new IllegalArgumentException("bad escape at " + (pos - 1));
        }
      } else {
        b.append(c);
      }
    }
  }

  private Double num() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("unexpected '" + text.charAt(pos) + "' at " + pos);
    }
    return Double.valueOf(text.substring(start, pos));
  }

  private void expect(String word) {
    if (!text.startsWith(word, pos)) {
      throw new IllegalArgumentException("expected " + word + " at " + pos);
    }
    pos += word.length();
  }

  private void skip() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
