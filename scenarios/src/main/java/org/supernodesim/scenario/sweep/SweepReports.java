package org.supernodesim.scenario.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.supernodesim.results.report.MarkdownReport;
import org.supernodesim.results.report.ReportOutput;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.report.SweepTable;
import org.supernodesim.results.report.html.HtmlReport;
import org.supernodesim.results.scaling.ScalingAnalysis;

/** The tables and reports of a sweep folder, drawn from its points alone. */
public final class SweepReports {
  private SweepReports() {}

  /** Re-renders results.csv, report.md and report.html of the sweep in {@code dir}. */
  public static List<SweepPoint> rerender(Path dir) {
    SweepManifest manifest = SweepManifest.read(dir);
    List<SweepPoint> points = PointStore.inOrder(manifest.points(), PointStore.open(dir).finished());
    write(dir, manifest, points);
    return points;
  }

  static void write(
      Path dir, SweepManifest manifest, List<SweepPoint> points) {
    Optional<ScalingAnalysis> scaling = SweepTable.scaling(points, manifest.scalingKind());
    PointStore.open(dir).rewriteCsv(SweepTable.of(points, scaling));
    if (manifest.outputs().contains(ReportOutput.MD)) {
      MarkdownReport.write(
          MarkdownReport.sweep(manifest.scenario(), points, scaling, manifest.threshold()),
          dir.resolve("report.md"));
    }
    if (manifest.outputs().contains(ReportOutput.HTML)) {
      HtmlReport.write(
          HtmlReport.sweep(manifest.scenario(), points, scaling, manifest.threshold()),
          dir.resolve("report.html"));
    }
  }
}
