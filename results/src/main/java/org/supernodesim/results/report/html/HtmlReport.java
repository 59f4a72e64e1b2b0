package org.supernodesim.results.report.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.EnergyRows;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.SweepPoint;
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
          + "p.note{color:#555}";

  private HtmlReport() {}

  /** The page of one run: scenario and engine facts, the chip's figures, the collectives. */
  public static String run(RunResult result) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(result.scenario())).append("</h1>\n");
    body.append(summaryTable(result));
    body.append(chipSection(result.chip()));
    body.append(result.workload().match(new WorkloadSection()));
    body.append(energySection(result));
    return page(result.scenario(), body);
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
    body.append("<h2>Points</h2>\n").append(pointsTable(points));
    scaling.ifPresent(a -> body.append(scalingSection(a, efficiencyThreshold)));
    body.append(sweepEnergySection(points));
    return page(title, body);
  }

  /** A page of runs side by side (see {@code Comparison}): one table, escaped. */
  public static String comparison(String title, List<String> headers, List<List<String>> rows) {
    return page(title, "<h1>" + Html.escape(title) + "</h1>\n" + HtmlTable.of(headers, rows));
  }

  /** Writes {@code html} to {@code file} as UTF-8, creating its folder (temporary file, then renamed). */
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

  private static String summaryTable(RunResult r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("seed", Long.toString(r.seed())));
    rows.add(List.of("simulated time", ReportFormat.picos(r.simulatedPicos())));
    rows.add(List.of("network model", r.networkModel().label()));
    EngineFacts e = r.runtime();
    if (e != null) {
      rows.add(List.of("engine", e.engine()));
      rows.add(List.of("lookahead", ReportFormat.picos(e.lookaheadPicos())));
      rows.add(List.of("logical processes", Integer.toString(e.logicalProcesses())));
      rows.add(List.of("events", Long.toString(e.events())));
    }
    RunInfo run = r.run();
    if (run != null) {
      // Kept apart in the table's wording: these vary between runs of the same scenario.
      rows.add(List.of("runtime (this run)", run.runtime() + ", " + run.threads() + " threads"));
      rows.add(List.of("wall time (this run)", ReportFormat.seconds(run.wallSeconds())));
      rows.add(List.of("events/s (this run)", ReportFormat.number(run.eventsPerSecond())));
      rows.add(List.of("host, Java (this run)", run.host() + ", " + run.java()));
    }
    return HtmlTable.of(List.of("fact", "value"), rows);
  }

  private static String chipSection(ChipSummary chip) {
    if (chip == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("<h2>Chip</h2>\n<p>");
    out.append(Html.escape(chip.name()));
    if (chip.preset() != null) {
      out.append(" (preset ").append(Html.escape(chip.preset())).append(")");
    }
    out.append("</p>\n");
    List<List<String>> rows = new ArrayList<>();
    for (ChipSummary.FigureUse f : chip.figures()) {
      rows.add(
          List.of(
              f.key(),
              f.value() == null ? "unknown" : ReportFormat.number(f.value()),
              nullToEmpty(f.unit()),
              nullToEmpty(f.confidence()),
              nullToEmpty(f.source())));
    }
    return out.append(
            HtmlTable.of(List.of("figure", "value", "unit", "confidence", "source"), rows))
        .toString();
  }

  private static String energySection(RunResult r) {
    List<List<String>> rows = EnergyRows.of(r);
    if (rows.isEmpty()) {
      return "";
    }
    return "<h2>Energy and cost</h2>\n" + HtmlTable.of(EnergyRows.HEADERS, rows);
  }

  /** Energy per step against chips, when the points ran with a known TDP at several sizes. */
  private static String sweepEnergySection(List<SweepPoint> points) {
    List<SvgCharts.XyPoint> energy = new ArrayList<>();
    for (SweepPoint p : points) {
      if (p.ok() && p.chips() > 0) {
        p.result().energy().ifPresent(
            e -> energy.add(new SvgCharts.XyPoint(p.chips(), e.joulesPerStep())));
      }
    }
    if (energy.size() < 2) {
      return "";
    }
    energy.sort(java.util.Comparator.comparingDouble(SvgCharts.XyPoint::x));
    return "<h2>Energy</h2>\n"
        + SvgCharts.lineChart(
            "Facility energy per step vs chips",
            new SvgCharts.Axis("chips", "count, log2 scale"),
            new SvgCharts.Axis("energy per step", "J"),
            "measured",
            energy,
            List.of(),
            true);
  }

  private static String collectivesSection(List<CollectiveResult> collectives) {
    if (collectives.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<h2>Collectives</h2>\n");
    Set<String> kinds = new LinkedHashSet<>();
    collectives.forEach(c -> kinds.add(c.kind()));
    List<List<String>> rows = new ArrayList<>();
    List<SvgCharts.Bar> bars = new ArrayList<>();
    for (CollectiveResult c : collectives) {
      rows.add(
          List.of(
              c.kind(),
              c.algorithm(),
              Integer.toString(c.groupSize()),
              ReportFormat.bytes(c.bytes()),
              ReportFormat.picos(c.picos()),
              ReportFormat.gigabytesPerSecond(c.algorithmBytesPerSecond()),
              ReportFormat.gigabytesPerSecond(c.busBytesPerSecond())));
      String size = ReportFormat.bytes(c.bytes());
      bars.add(
          new SvgCharts.Bar(
              kinds.size() > 1 ? c.kind() + " " + size : size,
              c.busBytesPerSecond() / Units.BYTES_PER_GB));
    }
    out.append(
        SvgCharts.barChart(
            "Bus bandwidth per collective size"
                + (kinds.size() == 1 ? " (" + kinds.iterator().next() + ")" : ""),
            new SvgCharts.Axis("buffer size", "bytes"),
            new SvgCharts.Axis("bus bandwidth", "GB/s"),
            bars));
    out.append(
        HtmlTable.of(
            List.of("kind", "algorithm", "group", "size", "time", "algbw", "busbw"), rows));
    return out.toString();
  }

  private static String pointsTable(List<SweepPoint> points) {
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.addAll(p.parameters().keySet()));
    List<String> headers = new ArrayList<>();
    headers.add("point");
    headers.addAll(keys);
    boolean training = points.stream().anyMatch(
        p -> p.ok() && p.result().workload() instanceof TrainingResult);
    headers.add(training ? "step time" : "simulated time");
    headers.add(training ? "tokens/s, MFU" : "peak busbw");
    headers.add("energy per step");
    headers.add("cost per step");
    List<List<String>> rows = new ArrayList<>();
    for (SweepPoint p : points) {
      List<String> row = new ArrayList<>();
      row.add(p.id());
      keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
      if (!p.ok()) {
        row.add("failed: " + p.error());
        row.add("");
        row.add("");
        row.add("");
        rows.add(row);
        continue;
      }
      RunResult r = p.result();
      row.addAll(r.workload().match(new PointCells(r)));
      row.add(r.energy().map(e -> ReportFormat.number(e.joulesPerStep()) + " J").orElse(""));
      row.add(
          r.costs().isEmpty()
              ? ""
              : ReportFormat.number(r.costs().get(0).perStep()) + " "
                  + r.costs().get(0).price().currency() + " ("
                  + r.costs().get(0).price().basis().label() + ")");
      rows.add(row);
    }
    return HtmlTable.of(headers, rows);
  }

  /** The run page's part for its workload: one section per kind. */
  private static final class WorkloadSection implements WorkloadResult.Cases<String> {
    @Override
    public String collectives(CollectiveBenchmarkResult c) {
      return collectivesSection(c.collectives()) + NetworkSection.of(c.network());
    }

    @Override
    public String training(TrainingResult t) {
      return TrainingSection.of(t);
    }

    @Override
    public String serving(ServingResult s) {
      return ServingSection.of(s);
    }
  }

  /** A sweep point's time and throughput cells: a training step's, or the run's and its busbw. */
  private static final class PointCells implements WorkloadResult.Cases<List<String>> {
    private final RunResult run;

    PointCells(RunResult run) {
      this.run = run;
    }

    @Override
    public List<String> collectives(CollectiveBenchmarkResult c) {
      return List.of(ReportFormat.picos(run.simulatedPicos()),
          c.collectives().isEmpty() ? "" : ReportFormat.gigabytesPerSecond(
              c.peakBusBytesPerSecond()));
    }

    @Override
    public List<String> training(TrainingResult t) {
      return List.of(ReportFormat.seconds(t.stepSeconds()),
          ReportFormat.number(t.tokensPerSecond()) + ", " + ReportFormat.number(t.mfu()));
    }

    @Override
    public List<String> serving(ServingResult s) {
      return List.of(ReportFormat.picos(run.simulatedPicos()), "");
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
