package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.results.report.Decision;

/**
 * The page of a layout search: what was searched and found (label, value rows), the Pareto front,
 * then the ranked table. Self-contained like every page here.
 */
public final class PlanPage {
  private PlanPage() {}

  /** One acceptable layout on the chart: its figures on the two axes and its id (the tooltip). */
  public record Layout(double x, double y, String id) {}

  /**
   * The chart of the front: every acceptable layout, those on the Pareto front joined.
   *
   * @param title the chart's title
   * @param xLabel what the x axis shows, e.g. an objective's name
   * @param xUnit its unit, empty for none
   * @param yLabel what the y axis shows
   * @param yUnit its unit, empty for none
   * @param others the acceptable layouts off the front
   * @param front the layouts on the front
   */
  public record FrontChart(
      String title,
      String xLabel,
      String xUnit,
      String yLabel,
      String yUnit,
      List<Layout> others,
      List<Layout> front) {
    public FrontChart {
      others = List.copyOf(others);
      front = List.copyOf(front);
    }
  }

  /**
   * @param title the page's title and heading
   * @param decision the question the plan answers and its answer, at the top
   * @param facts label and value rows above the chart
   * @param chart the front, when any layout is acceptable
   * @param headers the ranked table's columns
   * @param rows the ranked table's rows
   */
  public static String of(
      String title,
      Decision decision,
      List<List<String>> facts,
      Optional<FrontChart> chart,
      List<String> headers,
      List<List<String>> rows) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    body.append(HtmlReport.decision(decision));
    body.append(HtmlTable.of(List.of("what", "value"), facts));
    chart.ifPresent(c -> body.append(svg(c)));
    body.append("<h2>Ranked layouts</h2>\n").append(HtmlTable.of(headers, rows));
    return HtmlReport.page(title, body);
  }

  private static String svg(FrontChart c) {
    return SvgCharts.scatterChart(
        c.title(),
        new SvgCharts.Axis(c.xLabel(), c.xUnit()),
        new SvgCharts.Axis(c.yLabel(), c.yUnit()),
        List.of(
            new SvgCharts.Series("other layouts", points(c.others()), false),
            new SvgCharts.Series("Pareto front", points(c.front()), true)));
  }

  private static List<SvgCharts.LabelledPoint> points(List<Layout> layouts) {
    List<SvgCharts.LabelledPoint> points = new ArrayList<>();
    layouts.forEach(l -> points.add(new SvgCharts.LabelledPoint(l.x(), l.y(), l.id())));
    return points;
  }
}
