package org.supernodesim.results.report;

import java.util.List;

/** Comma-separated lines as RFC 4180 writes them: a cell with a comma, quote or line break quoted. */
public final class CsvTable {
  private CsvTable() {}

  /** One line, ending in {@code \n}. */
  public static String line(List<String> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    return out.append('\n').toString();
  }

  static String cell(String text) {
    if (text == null) {
      return "";
    }
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
