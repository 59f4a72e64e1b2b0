package org.supernodesim.results.report.html;

import java.util.List;

/** An HTML table; every cell is escaped, so cells hold text, never markup. */
final class HtmlTable {
  private HtmlTable() {}

  /**
   * A {@code <table>} with a header row and one row per entry of {@code rows}; numeric-looking
   * cells are right-aligned by the page's CSS through the {@code num} class.
   */
  public static String of(List<String> headers, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    for (String h : headers) {
      out.append("<th>").append(Html.escape(h)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells for " + headers.size() + " headers: " + row);
      }
      out.append("<tr>");
      for (String cell : row) {
        boolean numeric =
            !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.startsWith("-"));
        out.append(numeric ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(cell))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }
}
