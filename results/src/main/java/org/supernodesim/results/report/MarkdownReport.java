package org.supernodesim.results.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.ReplayResult;
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

  /**
   * The summary of one run, in the sections of report.html: the question and its answer, the
   * workload's section (training, serving, or collectives and network), energy and cost, and the
   * appendix (engine facts, the chip's figures and sources).
   */
  public static String run(RunResult r) {
    StringBuilder out = new StringBuilder("# ").append(inline(r.scenario())).append("\n\n");
    Decision d = Decision.of(r);
    out.append("**").append(inline(d.question())).append("**\n\n");
    table(out, RunTables.decision(d));
    out.append(r.workload().match(new WorkloadSection()));
    Table energy = RunTables.energy(r);
    if (!energy.isEmpty()) {
      out.append("\n## Energy and cost\n\n");
      table(out, energy);
    }
    out.append("\n## Appendix: engine and chip\n\n");
    table(out, RunTables.engine(r));
    if (r.chip() != null) {
      out.append('\n');
      table(out, RunTables.chip(r.chip()));
    }
    return out.toString();
  }

  /** The workload's sections, as report.html has them (less the charts). */
  private static final class WorkloadSection implements WorkloadResult.Cases<String> {
    @Override
    public String collectives(CollectiveBenchmarkResult c) {
      StringBuilder out = new StringBuilder();
      if (!c.collectives().isEmpty()) {
        out.append("\n## Collectives\n\n");
        table(out, RunTables.collectives(c));
        if (!c.published().isEmpty()) {
          out.append('\n');
          table(out, RunTables.publishedSources(c));
        }
      }
      network(out, c.network());
      return out.toString();
    }

    @Override
    public String replay(ReplayResult r) {
      StringBuilder out = new StringBuilder("\n## Trace replay\n\n");
      table(out, RunTables.replay(r));
      network(out, r.network());
      return out.toString();
    }

    private static void network(StringBuilder out, NetworkResult n) {
      if (!n.bytesPerTier().isEmpty() || !n.busiestLinks().isEmpty()) {
        out.append("\n## Network (").append(n.model().label()).append(")\n\n");
        if (!n.bytesPerTier().isEmpty()) {
          table(out, RunTables.networkTiers(n));
        }
        if (!n.busiestLinks().isEmpty()) {
          out.append('\n');
          table(out, RunTables.busiestLinks(n));
        }
      }
    }

    @Override
    public String training(TrainingResult t) {
      StringBuilder out = new StringBuilder("\n## Training step\n\n");
      table(out, RunTables.training(t));
      if (!t.ranks().isEmpty()) {
        out.append('\n');
        table(out, RunTables.trainingRanks(t));
      }
      if (!t.memory().isEmpty()) {
        out.append('\n');
        table(out, RunTables.trainingMemory(t));
      }
      return out.toString();
    }

    @Override
    public String serving(ServingResult s) {
      StringBuilder out = new StringBuilder("\n## Serving\n\n");
      table(out, RunTables.serving(s));
      out.append('\n');
      table(out, RunTables.servingLatency(s));
      if (!s.instances().isEmpty()) {
        out.append('\n');
        table(out, RunTables.servingInstances(s));
      }
      return out.toString();
    }
  }

  /** The summary of a sweep: one row per point, then the scaling analysis if there is one. */
  public static String sweep(
      String title,
      List<SweepPoint> points,
      Optional<ScalingAnalysis> scaling,
      double efficiencyThreshold) {
    StringBuilder out = new StringBuilder("# ").append(inline(title)).append("\n\n");
    Decision d = SweepDecision.of(points, scaling, efficiencyThreshold);
    out.append("**").append(inline(d.question())).append("**\n\n");
    table(out, RunTables.decision(d));
    out.append("\n## Points\n\n");
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.addAll(p.parameters().keySet()));
    List<String> headers = new ArrayList<>();
    headers.add("point");
    headers.addAll(keys);
    SweepFigures figures = SweepFigures.of(points);
    headers.addAll(figures.labels());
    List<List<String>> rows = new ArrayList<>();
    for (SweepPoint p : points) {
      List<String> row = new ArrayList<>();
      row.add(p.id());
      keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
      row.addAll(figures.cells(p));
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

  /**
   * Writes {@code markdown} to {@code file} as UTF-8, creating its folder (temporary file, then
   * renamed).
   */
  public static void write(String markdown, Path file) {
    OutputFiles.write(file, markdown);
  }

  private static void table(StringBuilder out, Table t) {
    if (!t.caption().isEmpty()) {
      out.append(inline(t.caption())).append("\n\n");
    }
    table(out, t.headers(), t.rows());
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
