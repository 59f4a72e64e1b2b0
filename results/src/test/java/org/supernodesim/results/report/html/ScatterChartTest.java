package org.supernodesim.results.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScatterChartTest {
  @Test
  void everyPointIsADotTheJoinedSeriesALineInXOrderAndLabelsAreEscaped() {
    // Given 3 other points and a front of 2, one label carrying markup.
    SvgCharts.Series others = new SvgCharts.Series("other layouts", List.of(
        new SvgCharts.LabelledPoint(30, 10, "a"), new SvgCharts.LabelledPoint(40, 20, "b"),
        new SvgCharts.LabelledPoint(50, 5, "<c>")), false);
    SvgCharts.Series front = new SvgCharts.Series("Pareto front", List.of(
        new SvgCharts.LabelledPoint(20, 40, "f2"), new SvgCharts.LabelledPoint(10, 80, "f1")),
        true);
    String svg = SvgCharts.scatterChart("front", new SvgCharts.Axis("stepTime", "s"),
        new SvgCharts.Axis("memoryPerChip", "GB"), List.of(others, front));

    // Then 5 dots plus 2 legend dots, one path, and the label escaped.
    assertEquals(7, count(svg, "<circle "), "5 points + 2 legend entries");
    Matcher path = Pattern.compile("<path d=\"M([0-9.]+) [0-9.]+ L([0-9.]+) ").matcher(svg);
    assertTrue(path.find(), "the front is joined");
    assertTrue(Double.parseDouble(path.group(1)) < Double.parseDouble(path.group(2)),
        "joined in x order: x=10 before x=20");
    assertTrue(svg.contains("&lt;c&gt;") && !svg.contains("<c>"), "labels are escaped");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
