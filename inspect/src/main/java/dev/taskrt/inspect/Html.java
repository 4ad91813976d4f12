package dev.taskrt.inspect;

/** Builds the HTML page's markup with escaping; tables in one consistent shape. */
final class Html {
  final StringBuilder out = new StringBuilder(1 << 16);

  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  Html element(String tag, String text) {
    out.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(tag)
        .append('>');
    return this;
  }

  /** Opens a section with an id and a heading. */
  Html section(String id, String title) {
    out.append("<section id=\"").append(id).append("\"><h2>").append(escape(title)).append("</h2>");
    return this;
  }

  Html endSection() {
    out.append("</section>\n");
    return this;
  }

  /** Opens a table with a header row. */
  Html table(String cssClass, String... headers) {
    out.append("<table class=\"").append(cssClass).append("\"><thead><tr>");
    for (String h : headers) {
      out.append("<th>").append(escape(h)).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    return this;
  }

  /** A row of plain cells. */
  Html row(String... cells) {
    out.append("<tr>");
    for (String c : cells) {
      out.append("<td>").append(escape(c)).append("</td>");
    }
    out.append("</tr>");
    return this;
  }

  Html endTable() {
    out.append("</tbody></table>");
    return this;
  }

  /** An outcome word as a coloured badge. */
  static String badge(String outcome) {
    String o = outcome == null ? "RUNNING" : outcome;
    return "<span class=\"badge "
        + o.toLowerCase(java.util.Locale.ROOT)
        + "\">"
        + escape(o)
        + "</span>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '&':
          b.append("&amp;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }
}
