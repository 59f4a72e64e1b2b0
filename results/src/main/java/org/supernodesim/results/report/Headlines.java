package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.serving.LatencySeconds;

/**
 * The figures a purchase is decided on, per kind of run, in one place: {@code compare} prints them
 * with ratios, a sweep's results.csv has a column for each and its pages a cell. Training: step
 * time, tokens/s, MFU, TFLOP/s per chip, memory peak and whether it fits; serving: TTFT, TPOT and
 * end-to-end p50 and p99, SLO attainment, output tokens/s (in all and per chip); collectives: the
 * busiest bus bandwidth; every kind: energy, mean chip power and cost (per million tokens for
 * training, per million output tokens for serving).
 */
public final class Headlines {
  /**
   * One figure of a run.
   *
   * @param label what a person reads, e.g. "TTFT p99"
   * @param column its results.csv column, e.g. {@code ttftP99Seconds}
   * @param value the value in the column's unit (null where the run has none)
   * @param text the value as a person reads it, with its unit
   * @param comparable true if a ratio of two runs' values means something (not for a yes/no)
   */
  public record Figure(
      String label, String column, Double value, String text, boolean comparable) {}

  /** A figure's definition: its label, column and how its value prints. */
  private record Definition(
      String label, String column, DoubleFunction<String> text, boolean comparable) {
    Figure of(Double value) {
      return new Figure(label, column, value, value == null ? "" : text.apply(value), comparable);
    }
  }

  private static final Definition STEP =
      new Definition("step time", "stepSeconds", ReportFormat::seconds, true);
  private static final Definition TOKENS =
      new Definition("tokens/s", "tokensPerSecond", v -> ReportFormat.number(v), true);
  private static final Definition MFU = new Definition("MFU", "mfu", ReportFormat::percent, true);
  private static final Definition TFLOPS =
      new Definition(
          "FLOP/s per chip", "tflopsPerChip", v -> ReportFormat.quantity(v * 1e12, "flop/s"), true);
  private static final Definition FITS =
      new Definition("fits in memory", "memoryFits", v -> v == 1 ? "yes" : "no", false);
  private static final Definition MEMORY =
      new Definition("memory peak per chip", "memoryPeakBytes", v -> gb(v), true);
  private static final Definition SHORT =
      new Definition("memory short per chip", "memoryShortfallBytes", v -> gb(v), true);
  private static final Definition TTFT50 = latency("TTFT p50", "ttftP50Seconds");
  private static final Definition TTFT99 = latency("TTFT p99", "ttftP99Seconds");
  private static final Definition TPOT50 = latency("TPOT p50", "tpotP50Seconds");
  private static final Definition TPOT99 = latency("TPOT p99", "tpotP99Seconds");
  private static final Definition E2E50 = latency("end-to-end p50", "e2eP50Seconds");
  private static final Definition E2E99 = latency("end-to-end p99", "e2eP99Seconds");
  private static final Definition SLO =
      new Definition("SLO attainment", "sloAttainment", ReportFormat::percent, true);
  private static final Definition OUTPUT =
      new Definition("output tokens/s", "outputTokensPerSecond", v -> ReportFormat.number(v), true);
  private static final Definition OUTPUT_PER_CHIP =
      new Definition(
          "output tokens/s per chip",
          "outputTokensPerSecondPerChip",
          v -> ReportFormat.number(v),
          true);
  private static final Definition RATE =
      new Definition(
          "arrival rate", "arrivalRatePerSecond", v -> ReportFormat.number(v) + " req/s", true);
  private static final Definition BUSBW =
      new Definition(
          "busiest bus bandwidth", "peakBusBytesPerSecond", ReportFormat::gigabytesPerSecond, true);
  private static final Definition ENERGY =
      new Definition(
          "energy (facility)", "energyKilowattHours", v -> ReportFormat.number(v) + " kWh", true);
  private static final Definition POWER =
      new Definition("mean chip power", "meanChipWatts", v -> ReportFormat.quantity(v, "W"), true);

  /** Every column of every kind, in the order results.csv has them. */
  public static final List<String> COLUMNS =
      List.of(
          STEP.column,
          TOKENS.column,
          MFU.column,
          TFLOPS.column,
          FITS.column,
          MEMORY.column,
          SHORT.column,
          TTFT50.column,
          TTFT99.column,
          TPOT50.column,
          TPOT99.column,
          E2E50.column,
          E2E99.column,
          SLO.column,
          OUTPUT.column,
          OUTPUT_PER_CHIP.column,
          RATE.column,
          BUSBW.column,
          ENERGY.column,
          POWER.column);

  private Headlines() {}

  /** The kind's figures, then energy, power and cost; a figure the run lacks has no value. */
  public static List<Figure> of(RunResult r) {
    List<Figure> figures = new ArrayList<>(r.workload().match(new KindFigures()));
    figures.add(ENERGY.of(r.energy().map(e -> e.kilowattHours()).orElse(null)));
    figures.add(POWER.of(r.energy().map(e -> e.averageChipWatts()).orElse(null)));
    for (CostResult c : r.costs()) {
      String per = c.price().basis() == Price.Basis.CHIP_HOUR ? "chip-hour" : "energy";
      String currency = " " + c.price().currency();
      Double perTokens =
          c.perMillionOutputTokens() != null ? c.perMillionOutputTokens() : c.perMillionTokens();
      String tokens = c.perMillionOutputTokens() != null ? "output tokens" : "tokens";
      if (perTokens != null) {
        figures.add(
            new Definition(
                    "cost per million " + tokens + " (" + per + " price)",
                    "",
                    v -> ReportFormat.number(v) + currency,
                    true)
                .of(perTokens));
      }
      figures.add(
          new Definition(
                  "cost of the run (" + per + " price)",
                  "",
                  v -> ReportFormat.number(v) + currency,
                  true)
              .of(c.total()));
    }
    return figures;
  }

  /** The value of {@code column} among {@code figures}, or null. */
  public static Double value(List<Figure> figures, String column) {
    for (Figure f : figures) {
      if (f.column().equals(column)) {
        return f.value();
      }
    }
    return null;
  }

  private static final class KindFigures implements WorkloadResult.Cases<List<Figure>> {
    @Override
    public List<Figure> collectives(CollectiveBenchmarkResult c) {
      return List.of(BUSBW.of(c.collectives().isEmpty() ? null : c.peakBusBytesPerSecond()));
    }

    @Override
    public List<Figure> replay(ReplayResult r) {
      return List.of(STEP.of(r.seconds()));
    }

    @Override
    public List<Figure> training(TrainingResult t) {
      return List.of(
          STEP.of(t.stepSeconds()),
          TOKENS.of(t.tokensPerSecond()),
          MFU.of(t.mfu()),
          TFLOPS.of(t.tflopsPerChip()),
          FITS.of(t.fits() ? 1.0 : 0.0),
          MEMORY.of(t.memoryPeakBytes()),
          SHORT.of(t.memoryShortfallBytes()));
    }

    @Override
    public List<Figure> serving(ServingResult s) {
      LatencySeconds tpot = s.tpotSeconds();
      return List.of(
          TTFT50.of(s.ttftSeconds().p50()),
          TTFT99.of(s.ttftSeconds().p99()),
          TPOT50.of(tpot == null ? null : tpot.p50()),
          TPOT99.of(tpot == null ? null : tpot.p99()),
          E2E50.of(s.e2eSeconds().p50()),
          E2E99.of(s.e2eSeconds().p99()),
          SLO.of(s.sloAttainment() == null ? null : s.sloAttainment().both()),
          OUTPUT.of(s.outputTokensPerSecond()),
          OUTPUT_PER_CHIP.of(s.outputTokensPerSecondPerChip()),
          RATE.of(s.arrivalRatePerSecond()));
    }
  }

  private static Definition latency(String label, String column) {
    return new Definition(label, column, ReportFormat::seconds, true);
  }

  private static String gb(double bytes) {
    return ReportFormat.number(bytes / Units.BYTES_PER_GB) + " GB";
  }
}
