package dev.taskrt.inspect;

/**
 * Not API. A small streaming JSON writer: objects, arrays, strings, numbers, booleans, with commas
 * placed for the caller. Output is compact, one document per call site. {@link #appendString} is
 * the one JSON string escaping of the inspect module ({@code inspect --json}, the HTML page's data,
 * {@code top --json}).
 */
public final class Json {
  private final StringBuilder out;
  private boolean needComma;

  Json(StringBuilder out) {
    this.out = out;
  }

  Json beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  Json endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  Json beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  Json endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Writes a member name; the next value call writes its value. */
  Json name(String name) {
    comma();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  Json value(String value) {
    comma();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    needComma = true;
    return this;
  }

  Json value(long value) {
    comma();
    out.append(value);
    needComma = true;
    return this;
  }

  Json value(double value) {
    comma();
    if (Double.isFinite(value)) {
      out.append(value);
    } else {
      out.append("null");
    }
    needComma = true;
    return this;
  }

  Json value(boolean value) {
    comma();
    out.append(value);
    needComma = true;
    return this;
  }

  Json field(String name, String value) {
    return name(name).value(value);
  }

  Json field(String name, long value) {
    return name(name).value(value);
  }

  Json field(String name, boolean value) {
    return name(name).value(value);
  }

  /** Milliseconds with microsecond precision, from nanoseconds. */
  Json millis(String name, long nanos) {
    return name(name).value(Math.round(nanos / 1e3) / 1e3);
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    appendString(out, s);
  }

  /**
   * Appends {@code s} as a JSON string, quoted and escaped; also safe inside an HTML script element
   * ({@code <} is escaped, as are U+2028 and U+2029).
   */
  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '<':
          out.append("\\u003c"); // safe inside an HTML script element
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
