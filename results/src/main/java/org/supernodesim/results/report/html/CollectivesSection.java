package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.RunTables;

/**
 * A collectives run's part of the page, nccl-tests style: per collective, its bus bandwidth against
 * the buffer size on a logarithmic axis, one line per algorithm and group size, with the published
 * nccl-tests curve of the same system, collective and group size drawn dashed beside it; then the
 * table of every collective.
 */
final class CollectivesSection {
  private CollectivesSection() {}

  static String of(CollectiveBenchmarkResult c) {
    if (c.collectives().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<h2>Collectives</h2>\n");
    // Per kind, per algorithm and group: the points by size (a repeated size keeps its first).
    Map<String, Map<String, List<SvgCharts.XyPoint>>> byKind = new LinkedHashMap<>();
    for (CollectiveResult x : c.collectives()) {
      List<SvgCharts.XyPoint> line =
          byKind
              .computeIfAbsent(x.kind(), k -> new LinkedHashMap<>())
              .computeIfAbsent(
                  x.algorithm() + ", " + x.groupSize() + " chips", k -> new ArrayList<>());
      if (line.stream().noneMatch(p -> p.x() == x.bytes())) {
        line.add(new SvgCharts.XyPoint(x.bytes(), x.busBytesPerSecond() / Units.BYTES_PER_GB));
      }
    }
    byKind.forEach((kind, lines) -> out.append(chart(kind, lines, c.published())));
    out.append(HtmlReport.table(RunTables.collectives(c)));
    if (!c.published().isEmpty()) {
      out.append(HtmlReport.table(RunTables.publishedSources(c)));
    }
    return out.toString();
  }

  private static String chart(
      String kind,
      Map<String, List<SvgCharts.XyPoint>> lines,
      List<CollectiveBenchmarkResult.PublishedCurve> published) {
    List<SeriesChart.Series> series = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<SvgCharts.XyPoint>> e : lines.entrySet()) {
      List<SvgCharts.XyPoint> points = new ArrayList<>(e.getValue());
      points.sort(java.util.Comparator.comparingDouble(SvgCharts.XyPoint::x));
      series.add(
          new SeriesChart.Series(
              "simulated " + e.getKey(), points, SeriesChart.Style.LINE_DOTS, colour++));
    }
    for (CollectiveBenchmarkResult.PublishedCurve p : published) {
      if (!p.kind().equals(kind)) {
        continue;
      }
      List<SvgCharts.XyPoint> points = new ArrayList<>();
      p.points()
          .forEach(
              x ->
                  points.add(
                      new SvgCharts.XyPoint(
                          x.bytes(), x.busBytesPerSecond() / Units.BYTES_PER_GB)));
      series.add(
          new SeriesChart.Series(
              "published " + p.system() + ", " + p.groupSize() + " GPUs",
              points,
              SeriesChart.Style.DASHED_DOTS,
              colour++));
    }
    return SeriesChart.draw(
        "Bus bandwidth against size: " + kind,
        new SeriesChart.XAxis(
            new SvgCharts.Axis("buffer size", "log scale"),
            SvgCharts.Scale.Kind.LOG2,
            v -> ReportFormat.bytes(Math.round(v))),
        new SvgCharts.Axis("bus bandwidth", "GB/s"),
        series,
        List.of());
  }
}
