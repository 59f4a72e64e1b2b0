package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.RunTables;

/**
 * A training run's part of the page: the step's figures, the pipeline schedule (each stage's
 * forward and backward passes over the step), where each simulated rank's time went (stacked bars,
 * in seconds) and each stage's memory against the chip's capacity.
 */
final class TrainingSection {
  private static final double GB = Units.BYTES_PER_GB;

  /** Passes drawn one by one up to this many; beyond, the chart would be a smear. */
  private static final int MOST_PASSES = 4096;

  private TrainingSection() {}

  /** The section of the run's result. */
  static String of(TrainingResult t) {
    StringBuilder out = new StringBuilder("<h2>Training step</h2>\n");
    out.append(HtmlReport.table(RunTables.training(t)));
    out.append(pipeline(t));
    if (!t.ranks().isEmpty()) {
      List<SvgCharts.Stack> stacks = new ArrayList<>();
      for (TrainingResult.RankTime r : t.ranks()) {
        stacks.add(
            new SvgCharts.Stack(
                "stage " + r.stage(),
                List.of(r.computeSeconds(), r.exposedCommunicationSeconds(), r.idleSeconds())));
      }
      out.append(
          SvgCharts.stackedBarChart(
              "Time split per rank (one simulated rank per pipeline stage)",
              new SvgCharts.Axis("rank", ""),
              new SvgCharts.Axis("time in the step", "s"),
              List.of("compute", "exposed communication", "idle (bubble, waiting)"),
              stacks));
      out.append(HtmlReport.table(RunTables.trainingRanks(t)));
    }
    if (!t.memory().isEmpty()) {
      List<SvgCharts.Stack> stacks = new ArrayList<>();
      for (TrainingResult.StageMemoryUse m : t.memory()) {
        stacks.add(
            new SvgCharts.Stack(
                "stage " + m.stage(),
                List.of(
                    m.weightsBytes() / GB,
                    m.gradientBytes() / GB,
                    m.optimizerBytes() / GB,
                    m.activationBytes() / GB,
                    m.bufferBytes() / GB)));
      }
      out.append(
          SvgCharts.stackedBarChart(
              "Memory per rank against the chip's capacity",
              new SvgCharts.Axis("rank", ""),
              new SvgCharts.Axis("memory at peak", "GB"),
              List.of("weights", "gradients", "optimizer", "activations", "buffers"),
              stacks,
              new SvgCharts.Limit("HBM capacity", t.memoryCapacityBytes() / GB)));
      out.append(HtmlReport.table(RunTables.trainingMemory(t)));
    }
    return out.toString();
  }

  /**
   * The pipeline schedule: a lane per stage, each pass a bar from its first kernel to its last,
   * forward and backward in two colours; the gaps are the bubble and the waits for neighbours.
   */
  private static String pipeline(TrainingResult t) {
    if (t.pipeline().isEmpty()) {
      return "";
    }
    List<String> lanes = new ArrayList<>();
    List<GanttChart.Bar> bars = new ArrayList<>();
    for (int lane = 0; lane < t.pipeline().size(); lane++) {
      TrainingResult.StagePasses s = t.pipeline().get(lane);
      lanes.add("stage " + s.stage());
      for (TrainingResult.Pass p : s.passes()) {
        if (bars.size() == MOST_PASSES) {
          break;
        }
        double start = Units.picosToSeconds(p.startPicos());
        double end = Units.picosToSeconds(p.endPicos());
        bars.add(
            new GanttChart.Bar(
                lane,
                start,
                end,
                p.direction() == TrainingResult.Direction.FORWARD ? 0 : 1,
                "stage "
                    + s.stage()
                    + ", "
                    + p.direction().label()
                    + " mb"
                    + p.microBatch()
                    + ": "
                    + ReportFormat.seconds(start)
                    + " to "
                    + ReportFormat.seconds(end)));
      }
    }
    return GanttChart.draw(
        "Pipeline schedule: each stage's passes over the step ("
            + ReportFormat.percent(t.bubbleFraction())
            + " bubble)",
        lanes,
        List.of("forward", "backward"),
        bars);
  }
}
