package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.report.ReportFormat;

/**
 * A training run's part of the page: the step's figures, where each simulated rank's time went
 * (stacked bars) and each stage's memory against the chip's capacity.
 */
final class TrainingSection {
  private static final double MS = 1e3;
  private static final double GB = 1e9;

  private TrainingSection() {}

  /** The section of the run's result. */
  static String of(TrainingResult t) {
    StringBuilder out = new StringBuilder("<h2>Training step</h2>\n");
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("model", t.model()));
    facts.add(List.of("layout", t.layout() + " on " + t.chips() + " chips"));
    facts.add(List.of("pipeline schedule", t.schedule()
        + (t.overlapForwardBackward() ? ", forward and backward overlapped" : "")));
    facts.add(List.of("step time", ReportFormat.seconds(t.stepSeconds())));
    facts.add(List.of("tokens per second", ReportFormat.number(t.tokensPerSecond())));
    facts.add(List.of("MFU / HFU", ReportFormat.number(t.mfu()) + " / " + ReportFormat.number(t.hfu())));
    facts.add(List.of("TFLOP/s per chip (counted / executed)",
        ReportFormat.number(t.tflopsPerChip()) + " / "
            + ReportFormat.number(t.flops().executedTflopsPerChip())));
    facts.add(List.of("pipeline bubble (ideal)", ReportFormat.number(t.bubbleFraction()) + " ("
        + ReportFormat.number(t.idealBubbleFraction()) + ")"));
    facts.add(List.of("memory peak / capacity", ReportFormat.number(t.memoryPeakBytes() / GB)
        + " / " + ReportFormat.number(t.memoryCapacityBytes() / GB) + " GB"
        + (t.fits() ? "" : " (does not fit: " + ReportFormat.number(t.memoryShortfallBytes() / GB)
            + " GB short)")));
    facts.add(List.of("chip-hours per trillion tokens",
        ReportFormat.number(t.chipHoursPerTrillionTokens())));
    out.append(HtmlTable.of(List.of("fact", "value"), facts));
    if (!t.ranks().isEmpty()) {
      List<SvgCharts.Stack> stacks = new ArrayList<>();
      for (TrainingResult.RankTime r : t.ranks()) {
        stacks.add(
            new SvgCharts.Stack(
                "stage " + r.stage(),
                List.of(r.computeSeconds() * MS, r.exposedCommunicationSeconds() * MS,
                    r.idleSeconds() * MS)));
      }
      out.append(
          SvgCharts.stackedBarChart(
              "Time split per rank (one simulated rank per pipeline stage)",
              new SvgCharts.Axis("rank", ""),
              new SvgCharts.Axis("time in the step", "ms"),
              List.of("compute", "exposed communication", "idle (bubble, waiting)"),
              stacks));
    }
    if (!t.memory().isEmpty()) {
      List<SvgCharts.Stack> stacks = new ArrayList<>();
      for (TrainingResult.StageMemoryUse m : t.memory()) {
        stacks.add(
            new SvgCharts.Stack(
                "stage " + m.stage(),
                List.of(m.weightsBytes() / GB, m.gradientBytes() / GB, m.optimizerBytes() / GB,
                    m.activationBytes() / GB, m.bufferBytes() / GB)));
      }
      out.append(
          SvgCharts.stackedBarChart(
              "Memory per rank against the chip's capacity",
              new SvgCharts.Axis("rank", ""),
              new SvgCharts.Axis("memory at peak", "GB"),
              List.of("weights", "gradients", "optimizer", "activations", "buffers"),
              stacks,
              new SvgCharts.Limit("HBM capacity", t.memoryCapacityBytes() / GB)));
    }
    return out.toString();
  }
}
