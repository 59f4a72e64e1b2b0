package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a sweep's tables for people (report.md and report.html): the simulated time, then
 * the headline figures ({@link Headlines}) that some point of the sweep has, a chosen few per kind
 * so the table fits a page: training step, tokens/s, MFU, memory and fit; serving TTFT and TPOT p50
 * and p99, SLO attainment, output tokens/s per chip and the cost per million output tokens;
 * collectives the busiest bus bandwidth; energy for every kind. results.csv has them all.
 */
public final class SweepFigures {
  private static final Set<String> SHOWN =
      Set.of(
          "stepSeconds",
          "tokensPerSecond",
          "mfu",
          "memoryFits",
          "memoryPeakBytes",
          "ttftP50Seconds",
          "ttftP99Seconds",
          "tpotP50Seconds",
          "tpotP99Seconds",
          "sloAttainment",
          "outputTokensPerSecondPerChip",
          "peakBusBytesPerSecond",
          "energyKilowattHours");

  private final List<String> labels;

  private SweepFigures(List<String> labels) {
    this.labels = List.copyOf(labels);
  }

  /** The columns the points' figures fill, in first-seen order. */
  public static SweepFigures of(List<SweepPoint> points) {
    Set<String> labels = new LinkedHashSet<>();
    labels.add("simulated time");
    for (SweepPoint p : points) {
      if (p.ok()) {
        for (Headlines.Figure f : Headlines.of(p.result())) {
          if (f.value() != null && shown(f)) {
            labels.add(f.label());
          }
        }
      }
    }
    return new SweepFigures(new ArrayList<>(labels));
  }

  public List<String> labels() {
    return labels;
  }

  /** A point's cells, one per label; a failed point says why in the first. */
  public List<String> cells(SweepPoint p) {
    List<String> cells = new ArrayList<>();
    if (!p.ok()) {
      cells.add("failed: " + p.error());
      while (cells.size() < labels.size()) {
        cells.add("");
      }
      return cells;
    }
    List<Headlines.Figure> figures = Headlines.of(p.result());
    for (String label : labels) {
      if (label.equals("simulated time")) {
        cells.add(ReportFormat.picos(p.result().simulatedPicos()));
        continue;
      }
      cells.add(
          figures.stream()
              .filter(f -> f.label().equals(label))
              .map(Headlines.Figure::text)
              .findFirst()
              .orElse(""));
    }
    return cells;
  }

  private static boolean shown(Headlines.Figure f) {
    return SHOWN.contains(f.column())
        || (f.label().startsWith("cost per million") && f.label().contains("chip-hour"));
  }
}
