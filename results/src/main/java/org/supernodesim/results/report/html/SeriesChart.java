package org.supernodesim.results.report.html;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.supernodesim.results.report.ReportFormat;

/**
 * Several series on one chart, each a line through its points (or a staircase, for a CDF), with
 * dashed rules across it for limits such as an SLO: latency CDFs with their targets, bus bandwidth
 * against size beside a published curve, a serving instance's queue over time. The x axis may be
 * linear, or logarithmic for values spanning decades (sizes, latencies); the y axis is linear from
 * 0. Like {@link SvgCharts}, no script: the same data draws the same bytes.
 */
final class SeriesChart {
  private SeriesChart() {}

  /** How a series is drawn. */
  enum Style {
    /** A solid line with a dot at each point. */
    LINE_DOTS,
    /** A solid line, no dots (many points: a time series). */
    LINE,
    /** A dashed line with hollow dots: a reference such as a published measurement. */
    DASHED_DOTS,
    /** A staircase rising at each point: an empirical CDF. */
    STEPS
  }

  /** A series: its name in the legend, its points in x order, its style and colour index. */
  record Series(String name, List<SvgCharts.XyPoint> points, Style style, int colour) {
    Series {
      points = List.copyOf(points);
    }
  }

  /** A dashed line across the chart at {@code value} on the x axis (vertical) or the y axis. */
  record Rule(String label, double value, boolean vertical) {}

  /** The x axis: what it shows, its scale and how its ticks print. */
  record XAxis(SvgCharts.Axis axis, SvgCharts.Scale.Kind kind, DoubleFunction<String> ticks) {}

  /** The chart; series without points are left out, and at least one must have points. */
  static String draw(
      String title, XAxis x, SvgCharts.Axis y, List<Series> series, List<Rule> rules) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMax = 0;
    boolean any = false;
    for (Series s : series) {
      for (SvgCharts.XyPoint p : s.points()) {
        if (x.kind() != SvgCharts.Scale.Kind.LINEAR && !(p.x() > 0)) {
          continue; // a log axis has no place for 0: the staircase starts at the first value
        }
        any = true;
        xMin = Math.min(xMin, p.x());
        xMax = Math.max(xMax, p.x());
        yMax = Math.max(yMax, p.y());
      }
    }
    if (!any) {
      throw new IllegalArgumentException(title + ": a chart needs at least one point");
    }
    for (Rule r : rules) {
      if (r.vertical() && (x.kind() == SvgCharts.Scale.Kind.LINEAR || r.value() > 0)) {
        xMin = Math.min(xMin, r.value());
        xMax = Math.max(xMax, r.value());
      } else if (!r.vertical()) {
        yMax = Math.max(yMax, r.value());
      }
    }
    SvgCharts.Scale xs =
        switch (x.kind()) {
          case LINEAR -> SvgCharts.Scale.linear(Math.min(0, xMin), xMax);
          case LOG2 -> SvgCharts.Scale.log2(xMin, xMax);
          case LOG10 -> SvgCharts.Scale.log10(xMin, xMax);
        };
    SvgCharts.Scale ys = SvgCharts.Scale.linear(0, yMax);
    StringBuilder svg = SvgCharts.open(title);
    legend(svg, series);
    SvgCharts.yAxis(svg, ys, y);
    SvgCharts.xTicks(svg, xs, x.ticks());
    for (Rule r : rules) {
      rule(svg, r, xs, ys);
    }
    for (Series s : series) {
      line(svg, s, xs, ys, x);
    }
    SvgCharts.xAxisLine(svg);
    SvgCharts.xAxisLabel(svg, x.axis());
    return SvgCharts.close(svg);
  }

  private static void line(
      StringBuilder svg, Series s, SvgCharts.Scale xs, SvgCharts.Scale ys, XAxis x) {
    String colour = SvgCharts.COLOURS[s.colour() % SvgCharts.COLOURS.length];
    StringBuilder d = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    double lastY = Double.NaN;
    for (SvgCharts.XyPoint p : s.points()) {
      if (x.kind() != SvgCharts.Scale.Kind.LINEAR && !(p.x() > 0)) {
        continue;
      }
      double px = xs.toX(p.x());
      double py = ys.toY(p.y());
      if (d.length() == 0) {
        d.append(String.format(Locale.ROOT, "M%.2f %.2f", px, py));
      } else if (s.style() == Style.STEPS) {
        // Rise at the new x: the CDF holds its level until the next value.
        d.append(String.format(Locale.ROOT, " H%.2f V%.2f", px, py));
      } else {
        d.append(String.format(Locale.ROOT, " L%.2f %.2f", px, py));
      }
      lastY = py;
      if (s.style() == Style.LINE_DOTS || s.style() == Style.DASHED_DOTS) {
        dots.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\">"
                        + "<title>",
                    px,
                    py,
                    s.style() == Style.DASHED_DOTS ? "#fff" : colour,
                    colour))
            .append(
                Html.escape(
                    s.name() + ": " + x.ticks().apply(p.x()) + ", " + ReportFormat.number(p.y())))
            .append("</title></circle>\n");
      }
    }
    if (Double.isNaN(lastY)) {
      return;
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s><title>",
                d,
                colour,
                s.style() == Style.DASHED_DOTS ? " stroke-dasharray=\"6 4\"" : ""))
        .append(Html.escape(s.name()))
        .append("</title></path>\n")
        .append(dots);
  }

  private static void rule(StringBuilder svg, Rule r, SvgCharts.Scale xs, SvgCharts.Scale ys) {
    if (r.vertical() && xs.logarithmic() && !(r.value() > 0)) {
      return;
    }
    double x1;
    double y1;
    double x2;
    double y2;
    if (r.vertical()) {
      x1 = x2 = xs.toX(r.value());
      y1 = SvgCharts.TOP;
      y2 = SvgCharts.HEIGHT - SvgCharts.BOTTOM;
    } else {
      y1 = y2 = ys.toY(r.value());
      x1 = SvgCharts.LEFT;
      x2 = SvgCharts.WIDTH - SvgCharts.RIGHT;
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#D55E00\""
                    + " stroke-width=\"1.5\" stroke-dasharray=\"4 3\" class=\"rule\"><title>",
                x1,
                y1,
                x2,
                y2))
        .append(Html.escape(r.label()))
        .append("</title></line>")
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" fill=\"#D55E00\">",
                r.vertical() ? x1 + 3 : x2,
                r.vertical() ? y1 + 12 : y1 - 4,
                r.vertical() ? "start" : "end"))
        .append(Html.escape(r.label()))
        .append("</text>\n");
  }

  /** Each series' name beside a short line in its colour and style, wrapping to a second row. */
  private static void legend(StringBuilder svg, List<Series> series) {
    double x = SvgCharts.LEFT;
    double y = 32;
    for (Series s : series) {
      double width = 30 + 6.5 * s.name().length();
      if (x + width > SvgCharts.WIDTH - SvgCharts.RIGHT && x > SvgCharts.LEFT) {
        x = SvgCharts.LEFT;
        y += 13;
      }
      String colour = SvgCharts.COLOURS[s.colour() % SvgCharts.COLOURS.length];
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\""
                      + " stroke-width=\"2\"%s/>",
                  x,
                  y - 4,
                  x + 14,
                  y - 4,
                  colour,
                  s.style() == Style.DASHED_DOTS ? " stroke-dasharray=\"4 2\"" : ""))
          .append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\">", x + 18, y))
          .append(Html.escape(s.name()))
          .append("</text>\n");
      x += width;
    }
  }
}
