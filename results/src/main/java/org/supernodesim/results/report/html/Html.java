package org.supernodesim.results.report.html;

/** Escaping for text and attribute values in HTML and inline SVG. */
final class Html {
  private Html() {}

  /** {@code text} with &amp; &lt; &gt; &quot; &#39; escaped, safe in text and quoted attributes. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
