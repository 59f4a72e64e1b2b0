package org.supernodesim.results.report;

import java.util.List;

/**
 * A table of a report, rendered alike as Markdown (report.md) and HTML (report.html), so the two
 * pages carry the same figures.
 *
 * @param caption a line above it; empty for none
 * @param headers the column names
 * @param rows the cells, one list per row, as many as the headers
 */
public record Table(String caption, List<String> headers, List<List<String>> rows) {
  public Table {
    headers = List.copyOf(headers);
    rows = List.copyOf(rows);
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells for " + headers.size() + " headers: " + row);
      }
    }
  }

  /** A two-column table of labelled values. */
  public static Table facts(String caption, List<List<String>> rows) {
    return new Table(caption, List.of("what", "value"), rows);
  }

  /** True if it has no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }
}
