package org.supernodesim.results.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.scaling.EfficiencyPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;
import org.supernodesim.results.scaling.ScalingFit;

/**
 * report.md: the summary of a run or a sweep as Markdown tables, for a pull request or a terminal.
 * Cells are escaped ({@code |}, {@code \}, line breaks), numbers go through {@link ReportFormat}.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The summary of one run: facts, then one row per collective. */
  public static String run(RunResult r) {
    StringBuilder out = new StringBuilder("# ").append(inline(r.scenario())).append("\n\n");
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("seed", Long.toString(r.seed())));
    facts.add(List.of("simulated time", ReportFormat.picos(r.simulatedPicos())));
    facts.add(List.of("network model", r.networkModel().label()));
    if (r.runtime() != null) {
      facts.add(List.of("events", Long.toString(r.runtime().events())));
    }
    if (r.chip() != null) {
      facts.add(List.of("chip", r.chip().name()));
    }
    table(out, List.of("fact", "value"), facts);
    out.append(r.workload().match(new WorkloadSection()));
    List<List<String>> energy = EnergyRows.of(r);
    if (!energy.isEmpty()) {
      out.append("\n## Energy and cost\n\n");
      table(out, EnergyRows.HEADERS, energy);
    }
    return out.toString();
  }

  /** The workload's part: the collectives' table (training and serving have their HTML pages). */
  private static final class WorkloadSection implements WorkloadResult.Cases<String> {
    @Override
    public String collectives(CollectiveBenchmarkResult c) {
      if (c.collectives().isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder("\n## Collectives\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (CollectiveResult x : c.collectives()) {
        rows.add(
            List.of(
                x.kind(),
                x.algorithm(),
                Integer.toString(x.groupSize()),
                ReportFormat.bytes(x.bytes()),
                ReportFormat.picos(x.picos()),
                ReportFormat.gigabytesPerSecond(x.algorithmBytesPerSecond()),
                ReportFormat.gigabytesPerSecond(x.busBytesPerSecond())));
      }
      table(out, List.of("kind", "algorithm", "group", "size", "time", "algbw", "busbw"), rows);
      return out.toString();
    }

    @Override
    public String training(TrainingResult t) {
      return "";
    }

    @Override
    public String serving(ServingResult s) {
      return "";
    }
  }

  /** The summary of a sweep: one row per point, then the scaling analysis if there is one. */
  public static String sweep(
      String title,
      List<SweepPoint> points,
      Optional<ScalingAnalysis> scaling,
      double efficiencyThreshold) {
    StringBuilder out = new StringBuilder("# ").append(inline(title)).append("\n\n");
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.addAll(p.parameters().keySet()));
    List<String> headers = new ArrayList<>();
    headers.add("point");
    headers.addAll(keys);
    headers.add("simulated time");
    List<List<String>> rows = new ArrayList<>();
    for (SweepPoint p : points) {
      List<String> row = new ArrayList<>();
      row.add(p.id());
      keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
      row.add(p.ok() ? ReportFormat.picos(p.result().simulatedPicos()) : "failed: " + p.error());
      rows.add(row);
    }
    table(out, headers, rows);
    if (scaling.isPresent()) {
      ScalingAnalysis a = scaling.get();
      out.append("\n## Scaling (")
          .append(a.kind().label())
          .append(", relative to ")
          .append(a.baseChips())
          .append(" chips)\n\n");
      List<List<String>> eff = new ArrayList<>();
      for (EfficiencyPoint p : a.points()) {
        eff.add(
            List.of(
                Integer.toString(p.chips()),
                ReportFormat.seconds(p.stepSeconds()),
                ReportFormat.number(p.speedup()),
                ReportFormat.number(p.efficiency())));
      }
      table(out, List.of("chips", "step time", "speedup", "efficiency"), eff);
      out.append('\n');
      List<List<String>> fits = new ArrayList<>();
      for (ScalingFit f : a.fits()) {
        fits.add(
            List.of(
                f.model().label(),
                ReportFormat.number(f.sigma()),
                ReportFormat.number(f.kappa()),
                ReportFormat.number(f.rSquared()),
                f.chipsWhereEfficiencyFallsBelow(efficiencyThreshold).isPresent()
                    ? ReportFormat.number(
                        f.chipsWhereEfficiencyFallsBelow(efficiencyThreshold).getAsDouble())
                    : "never"));
      }
      String below = "efficiency < " + ReportFormat.number(efficiencyThreshold) + " beyond (chips)";
      table(out, List.of("model", "σ", "κ", "R²", below), fits);
      OptionalInt measured = a.firstMeasuredChipsBelow(efficiencyThreshold);
      out.append("\nMeasured: ")
          .append(
              measured.isPresent()
                  ? "efficiency first below "
                      + ReportFormat.number(efficiencyThreshold)
                      + " at "
                      + measured.getAsInt()
                      + " chips."
                  : "every point at or above " + ReportFormat.number(efficiencyThreshold) + ".")
          .append('\n');
    }
    return out.toString();
  }

  /** Writes {@code markdown} to {@code file} as UTF-8, creating its folder (temporary file, then renamed). */
  public static void write(String markdown, Path file) {
    OutputFiles.write(file, markdown);
  }

  private static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
    out.append('|');
    headers.forEach(h -> out.append(' ').append(cell(h)).append(" |"));
    out.append("\n|");
    headers.forEach(h -> out.append(" --- |"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append('|');
      row.forEach(c -> out.append(' ').append(cell(c)).append(" |"));
      out.append('\n');
    }
  }

  /** A table cell: a pipe would end the cell and a line break the row. */
  static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }

  private static String inline(String text) {
    return text == null ? "" : text.replace("\\", "\\\\").replace("\r", " ").replace("\n", " ");
  }
}
