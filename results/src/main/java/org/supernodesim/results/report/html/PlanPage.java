package org.supernodesim.results.report.html;

import java.util.List;

/**
 * The page of a layout search: what was searched and found (label, value rows), its charts (the
 * Pareto front), then the ranked table. Self-contained like every page here.
 */
public final class PlanPage {
  private PlanPage() {}

  /**
   * @param title the page's title and heading
   * @param facts label and value rows above the charts
   * @param charts inline SVG charts (from {@link SvgCharts})
   * @param headers the ranked table's columns
   * @param rows the ranked table's rows
   */
  public static String of(
      String title, List<List<String>> facts, List<String> charts, List<String> headers,
      List<List<String>> rows) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    body.append(HtmlTable.of(List.of("what", "value"), facts));
    charts.forEach(body::append);
    body.append("<h2>Ranked layouts</h2>\n").append(HtmlTable.of(headers, rows));
    return HtmlReport.page(title, body);
  }
}
