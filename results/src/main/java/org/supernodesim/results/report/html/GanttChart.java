package org.supernodesim.results.report.html;

import java.util.List;
import java.util.Locale;
import org.supernodesim.results.report.ReportFormat;

/**
 * Bars along a time axis, one row per lane: a pipeline's stages with their forward and backward
 * passes over a training step. Each bar has a tooltip; lanes are labelled at the left.
 */
final class GanttChart {
  private static final int ROW_HEIGHT = 18;
  private static final int ROW_GAP = 4;

  private GanttChart() {}

  /** One bar: its lane, its span in seconds, its category (colour) and its tooltip. */
  record Bar(int lane, double startSeconds, double endSeconds, int category, String tooltip) {}

  /**
   * The chart: {@code lanes} top to bottom, {@code categories} named in the legend in their
   * colours, time in seconds from 0 to the latest bar's end.
   */
  static String draw(String title, List<String> lanes, List<String> categories, List<Bar> bars) {
    double end = 0;
    for (Bar b : bars) {
      end = Math.max(end, b.endSeconds());
    }
    SvgCharts.Scale xs = SvgCharts.Scale.linear(0, end);
    int height = SvgCharts.TOP + lanes.size() * (ROW_HEIGHT + ROW_GAP) + 48;
    StringBuilder svg =
        new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\""
                        + " height=\"%d\">",
                    SvgCharts.WIDTH,
                    height,
                    SvgCharts.WIDTH,
                    height))
            .append("<title>")
            .append(Html.escape(title))
            .append("</title>\n")
            .append(
                String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"chart-title\">", SvgCharts.LEFT))
            .append(Html.escape(title))
            .append("</text>\n");
    double lx = SvgCharts.LEFT;
    for (int k = 0; k < categories.size(); k++) {
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.2f\" y=\"27\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                      + "<text x=\"%.2f\" y=\"36\">",
                  lx,
                  SvgCharts.COLOURS[k % SvgCharts.COLOURS.length],
                  lx + 14))
          .append(Html.escape(categories.get(k)))
          .append("</text>\n");
      lx += 24 + 7 * categories.get(k).length();
    }
    int plotBottom = SvgCharts.TOP + lanes.size() * (ROW_HEIGHT + ROW_GAP);
    for (int i = 0; i < lanes.size(); i++) {
      double y = SvgCharts.TOP + i * (ROW_HEIGHT + ROW_GAP);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">",
                  SvgCharts.LEFT - 6,
                  y + ROW_HEIGHT - 5))
          .append(Html.escape(lanes.get(i)))
          .append("</text>\n");
    }
    double plotWidth = SvgCharts.WIDTH - SvgCharts.LEFT - SvgCharts.RIGHT;
    for (Bar b : bars) {
      double x = SvgCharts.LEFT + xs.fraction(b.startSeconds()) * plotWidth;
      double w =
          Math.max(0.5, (xs.fraction(b.endSeconds()) - xs.fraction(b.startSeconds())) * plotWidth);
      double y = SvgCharts.TOP + b.lane() * (ROW_HEIGHT + ROW_GAP);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
                      + "<title>",
                  x,
                  y,
                  w,
                  ROW_HEIGHT,
                  SvgCharts.COLOURS[b.category() % SvgCharts.COLOURS.length]))
          .append(Html.escape(b.tooltip()))
          .append("</title></rect>\n");
    }
    for (double tick : xs.ticks()) {
      double px = SvgCharts.LEFT + xs.fraction(tick) * plotWidth;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" class=\"tick\"/>"
                      + "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">",
                  px,
                  plotBottom,
                  px,
                  plotBottom + 5,
                  px,
                  plotBottom + 18))
          .append(Html.escape(ReportFormat.number(tick)))
          .append("</text>\n");
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>\n",
                SvgCharts.LEFT,
                plotBottom,
                SvgCharts.WIDTH - SvgCharts.RIGHT,
                plotBottom))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis-label\">",
                (SvgCharts.LEFT + SvgCharts.WIDTH - SvgCharts.RIGHT) / 2,
                plotBottom + 36))
        .append("time in the step (s)</text>\n");
    return svg.append("</svg>\n").toString();
  }
}
