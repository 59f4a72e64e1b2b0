package org.supernodesim.results.report.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.Comparison;
import org.supernodesim.results.report.Decision;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.RunTables;
import org.supernodesim.results.report.SweepDecision;
import org.supernodesim.results.report.SweepFigures;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.report.SweepTable;
import org.supernodesim.results.report.Table;
import org.supernodesim.results.scaling.EfficiencyPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;
import org.supernodesim.results.scaling.ScalingFit;
import org.supernodesim.results.scaling.ScalingKind;

/**
 * report.html: one self-contained page (inline CSS, inline SVG, no script) drawn from a {@link
 * RunResult} or from a sweep's results. Same input, same bytes: numbers go through {@link
 * ReportFormat}, nothing reads the clock or the host.
 */
public final class HtmlReport {
  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222}"
          + "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
          + "table{border-collapse:collapse;margin:0.5em 0}"
          + "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}"
          + "svg.chart{display:block;margin:1em 0;font:12px system-ui,sans-serif}"
          + "svg .chart-title{font-weight:bold;font-size:13px}"
          + "svg .axis{stroke:#333}svg .tick{stroke:#333}svg .grid{stroke:#e4e4e4}"
          + "p.note{color:#555}"
          + "div.decision{background:#f3f7fb;border-left:4px solid #0072B2;padding:0.6em 1em;"
          + "margin:1em 0}div.decision p.question{font-weight:bold;margin:0 0 0.4em}"
          + "div.decision table{background:#fff}"
          + "details.appendix{margin-top:2em}details.appendix summary{font-size:1.25em;"
          + "cursor:pointer}";

  private HtmlReport() {}

  /**
   * The page of one run: the question it answers and the answer in a few numbers, the workload's
   * section with its charts (training, serving, or collectives and network), energy and cost, then
   * an appendix with how the engine ran and the chip's figures with their sources.
   */
  public static String run(RunResult result) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(result.scenario())).append("</h1>\n");
    body.append(decision(Decision.of(result)));
    body.append(result.workload().match(new WorkloadSection()));
    body.append(energySection(result));
    body.append(
        "<details class=\"appendix\"><summary>Appendix: how the engine ran, the chip's"
            + " figures and their sources</summary>\n");
    body.append(table(RunTables.engine(result)));
    if (result.chip() != null) {
      body.append(table(RunTables.chip(result.chip())));
    }
    body.append("</details>\n");
    return page(result.scenario(), body);
  }

  /** The question and its answer, in a box at the top of a page. */
  static String decision(Decision d) {
    return "<div class=\"decision\">\n<p class=\"question\">"
        + Html.escape(d.question())
        + "</p>\n"
        + HtmlTable.of(List.of("answer", "value"), d.answers())
        + "</div>\n";
  }

  /** A table with its caption above it. */
  static String table(Table t) {
    return (t.caption().isEmpty() ? "" : "<p>" + Html.escape(t.caption()) + "</p>\n")
        + HtmlTable.of(t.headers(), t.rows());
  }

  /**
   * The page of a sweep: one row per point with its parameters, then the scaling analysis when
   * there is one: efficiency per point, the fitted models, and where efficiency falls below {@code
   * efficiencyThreshold}.
   */
  public static String sweep(
      String title,
      List<SweepPoint> points,
      Optional<ScalingAnalysis> scaling,
      double efficiencyThreshold) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    body.append(decision(SweepDecision.of(points, scaling, efficiencyThreshold)));
    body.append("<h2>Points</h2>\n").append(pointsTable(points));
    body.append(GoodputSection.of(points));
    scaling.ifPresent(a -> body.append(scalingSection(a, efficiencyThreshold)));
    body.append(sweepEnergySection(points));
    return page(title, body);
  }

  /**
   * A page of runs side by side (see {@code Comparison}): the question and the figures whose ratios
   * differ most from 1 at the top, then the whole table.
   */
  public static String comparison(String title, List<String> headers, List<List<String>> rows) {
    return page(
        title,
        "<h1>"
            + Html.escape(title)
            + "</h1>\n"
            + decision(Comparison.decision(headers, rows))
            + HtmlTable.of(headers, rows));
  }

  /**
   * Writes {@code html} to {@code file} as UTF-8, creating its folder (temporary file, then
   * renamed).
   */
  public static void write(String html, Path file) {
    OutputFiles.write(file, html);
  }

  static String page(String title, CharSequence body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + Html.escape(title)
        + "</title>\n<style>"
        + CSS
        + "</style>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }

  private static String energySection(RunResult r) {
    Table t = RunTables.energy(r);
    return t.isEmpty() ? "" : "<h2>Energy and cost</h2>\n" + table(t);
  }

  /** Energy per step against chips, when the points ran with a known TDP at several sizes. */
  private static String sweepEnergySection(List<SweepPoint> points) {
    List<SvgCharts.XyPoint> energy = new ArrayList<>();
    for (SweepPoint p : points) {
      if (p.ok() && p.chips() > 0) {
        p.result()
            .energy()
            .ifPresent(e -> energy.add(new SvgCharts.XyPoint(p.chips(), e.joulesPerStep())));
      }
    }
    if (energy.stream().map(SvgCharts.XyPoint::x).distinct().count() < 2) {
      return ""; // one chip count (a sweep of something else): no curve against chips
    }
    energy.sort(java.util.Comparator.comparingDouble(SvgCharts.XyPoint::x));
    // In the prefix of the largest value (kJ, MJ, ...), so the axis reads 0.6, not 600000.
    double largest = energy.stream().mapToDouble(SvgCharts.XyPoint::y).max().orElse(1);
    ReportFormat.Prefixed unit = ReportFormat.prefixed(largest, "J");
    List<SvgCharts.XyPoint> scaled = new ArrayList<>();
    energy.forEach(e -> scaled.add(new SvgCharts.XyPoint(e.x(), e.y() / unit.divisor())));
    return "<h2>Energy</h2>\n"
        + SvgCharts.lineChart(
            "Facility energy per step vs chips",
            new SvgCharts.Axis("chips", "count, log2 scale"),
            new SvgCharts.Axis("energy per step", unit.unit()),
            "measured",
            scaled,
            List.of(),
            true);
  }

  private static String pointsTable(List<SweepPoint> points) {
    List<String> keys = SweepTable.parameterKeys(points);
    SweepFigures figures = SweepFigures.of(points);
    List<String> headers = new ArrayList<>();
    headers.add("point");
    headers.addAll(keys);
    headers.addAll(figures.labels());
    List<List<String>> rows = new ArrayList<>();
    for (SweepPoint p : points) {
      List<String> row = new ArrayList<>();
      row.add(p.id());
      keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
      row.addAll(figures.cells(p));
      rows.add(row);
    }
    return HtmlTable.of(headers, rows);
  }

  /** The run page's part for its workload: one section per kind. */
  private static final class WorkloadSection implements WorkloadResult.Cases<String> {
    @Override
    public String collectives(CollectiveBenchmarkResult c) {
      return CollectivesSection.of(c) + NetworkSection.of(c.network());
    }

    @Override
    public String training(TrainingResult t) {
      return TrainingSection.of(t);
    }

    @Override
    public String serving(ServingResult s) {
      return ServingSection.of(s);
    }

    @Override
    public String replay(ReplayResult r) {
      return "<h2>Trace replay</h2>\n"
          + table(RunTables.replay(r))
          + NetworkSection.of(r.network());
    }
  }

  private static String scalingSection(ScalingAnalysis a, double threshold) {
    String kind = a.kind().label();
    StringBuilder out = new StringBuilder("<h2>Scaling (" + kind + ")</h2>\n");
    out.append("<p class=\"note\">Relative to the smallest point, ")
        .append(a.baseChips())
        .append(" chips. ")
        .append(
            Html.escape(
                a.kind() == ScalingKind.STRONG
                    ? "Fixed global batch: efficiency = T1·N1 / (TN·N)."
                    : "Fixed per-chip batch: efficiency = T1 / TN."))
        .append("</p>\n");
    List<SvgCharts.XyPoint> measured = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (EfficiencyPoint p : a.points()) {
      measured.add(new SvgCharts.XyPoint(p.chips(), p.efficiency()));
      rows.add(
          List.of(
              Integer.toString(p.chips()),
              ReportFormat.seconds(p.stepSeconds()),
              ReportFormat.number(p.speedup()),
              ReportFormat.number(p.efficiency())));
    }
    List<SvgCharts.Curve> curves = new ArrayList<>();
    for (ScalingFit f : a.fits()) {
      curves.add(new SvgCharts.Curve(f.model().label() + " fit", f::efficiencyAt));
    }
    out.append(
        SvgCharts.lineChart(
            "Scaling efficiency vs chips (" + kind + ")",
            new SvgCharts.Axis("chips", "count, log2 scale"),
            new SvgCharts.Axis("efficiency", "fraction of ideal"),
            "measured",
            measured,
            curves,
            true));
    List<SvgCharts.XyPoint> speedups = new ArrayList<>();
    a.points().forEach(p -> speedups.add(new SvgCharts.XyPoint(p.chips(), p.speedup())));
    List<SvgCharts.Curve> speedupCurves = new ArrayList<>();
    int base = a.baseChips();
    speedupCurves.add(new SvgCharts.Curve("ideal", n -> n / base));
    for (ScalingFit f : a.fits()) {
      speedupCurves.add(new SvgCharts.Curve(f.model().label() + " fit", f::speedupAt));
    }
    out.append(
        SvgCharts.lineChart(
            "Speedup vs chips (" + kind + ", relative to " + base + " chips)",
            new SvgCharts.Axis("chips", "count, log2 scale"),
            new SvgCharts.Axis("speedup", "x the base point"),
            "measured",
            speedups,
            speedupCurves,
            true));
    out.append(HtmlTable.of(List.of("chips", "step time", "speedup", "efficiency"), rows));
    out.append("<h2>Fitted models</h2>\n");
    List<List<String>> fits = new ArrayList<>();
    for (ScalingFit f : a.fits()) {
      fits.add(
          List.of(
              f.model().label(),
              ReportFormat.number(f.sigma()),
              ReportFormat.number(f.kappa()),
              ReportFormat.number(f.rSquared()),
              chips(f.chipsWhereEfficiencyFallsBelow(threshold)),
              chips(f.peakChips())));
    }
    out.append(
        HtmlTable.of(
            List.of(
                "model",
                "σ",
                "κ",
                "R²",
                "efficiency < " + ReportFormat.number(threshold) + " beyond (chips)",
                "peak speedup at (chips)"),
            fits));
    OptionalInt measuredBelow = a.firstMeasuredChipsBelow(threshold);
    out.append("<p>")
        .append(
            Html.escape(
                measuredBelow.isPresent()
                    ? "Measured: efficiency first below "
                        + ReportFormat.number(threshold)
                        + " at "
                        + measuredBelow.getAsInt()
                        + " chips."
                    : "Measured: every point keeps efficiency at or above "
                        + ReportFormat.number(threshold)
                        + "."))
        .append("</p>\n");
    return out.toString();
  }

  private static String chips(OptionalDouble chips) {
    return chips.isPresent() ? ReportFormat.number(chips.getAsDouble()) : "never";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
