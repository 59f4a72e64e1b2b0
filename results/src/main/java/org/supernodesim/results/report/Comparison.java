package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.EnergyResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;

/**
 * Runs side by side: one row per metric, one column per run, and each later run's ratio to the
 * first (B/A: above 1 means more time, energy or cost than A).
 */
public final class Comparison {
  private record Metric(
      String name, Function<RunResult, Double> value, BiFunction<RunResult, Double, String> text) {
    static Metric of(String name, Function<RunResult, Double> value, Function<Double, String> text) {
      return new Metric(name, value, (r, v) -> text.apply(v));
    }

    static Metric cost(String name, Price.Basis basis, boolean perMillionTokens) {
      return new Metric(
          name,
          r -> Comparison.cost(r, basis, perMillionTokens),
          (r, v) -> ReportFormat.number(v) + " " + currency(r, basis));
    }
  }

  private static final List<Metric> METRICS =
      List.of(
          Metric.of("simulated time", r -> StepTime.seconds(r), ReportFormat::seconds),
          Metric.of(
              "busiest collective busbw",
              r -> r.workload().match(new PeakBusBandwidth()),
              ReportFormat::gigabytesPerSecond),
          Metric.of(
              "energy (facility)",
              r -> r.energy().map(EnergyResult::kilowattHours).orElse(null),
              v -> ReportFormat.number(v) + " kWh"),
          Metric.of(
              "mean chip power",
              r -> r.energy().map(EnergyResult::averageChipWatts).orElse(null),
              v -> ReportFormat.number(v) + " W"),
          Metric.cost("cost per step at the chip-hour price", Price.Basis.CHIP_HOUR, false),
          Metric.cost("cost per step at the energy price", Price.Basis.KILOWATT_HOUR, false),
          Metric.cost("cost per million tokens at the chip-hour price", Price.Basis.CHIP_HOUR,
              true));

  private Comparison() {}

  /** The busiest collective's bus bandwidth; none for a workload without collectives. */
  private static final class PeakBusBandwidth implements WorkloadResult.Cases<Double> {
    @Override
    public Double collectives(CollectiveBenchmarkResult c) {
      return c.collectives().isEmpty() ? null : c.peakBusBytesPerSecond();
    }

    @Override
    public Double training(TrainingResult t) {
      return null;
    }

    @Override
    public Double serving(ServingResult s) {
      return null;
    }
  }

  /** The header: metric, each run's name, then "name / first" for each later run. */
  public static List<String> headers(List<String> names) {
    List<String> h = new ArrayList<>();
    h.add("metric");
    h.addAll(names);
    for (int i = 1; i < names.size(); i++) {
      h.add(names.get(i) + " / " + names.get(0));
    }
    return h;
  }

  /** One row per metric some run has; a run without it shows an empty cell. */
  public static List<List<String>> rows(List<RunResult> runs) {
    List<List<String>> rows = new ArrayList<>();
    List<String> chips = new ArrayList<>();
    chips.add("chip");
    runs.forEach(r -> chips.add(r.chip() == null ? "" : r.chip().name()));
    for (int i = 1; i < runs.size(); i++) {
      chips.add("");
    }
    rows.add(chips);
    for (Metric m : METRICS) {
      List<Double> values = runs.stream().map(r -> m.value().apply(r)).toList();
      if (values.stream().allMatch(v -> v == null)) {
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(m.name());
      for (int i = 0; i < runs.size(); i++) {
        Double v = values.get(i);
        row.add(v == null ? "" : m.text().apply(runs.get(i), v));
      }
      Double first = values.get(0);
      for (int i = 1; i < values.size(); i++) {
        Double v = values.get(i);
        row.add(first == null || v == null || first == 0 ? "" : ReportFormat.number(v / first));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String currency(RunResult r, Price.Basis basis) {
    return r.costs().stream()
        .filter(c -> c.price().basis() == basis)
        .map(c -> c.price().currency())
        .findFirst()
        .orElse("");
  }

  private static Double cost(RunResult r, Price.Basis basis, boolean perMillionTokens) {
    for (CostResult c : r.costs()) {
      if (c.price().basis() == basis) {
        // Not a conditional expression: it would unbox an absent per-token cost.
        if (perMillionTokens) {
          return c.perMillionTokens();
        }
        return c.perStep();
      }
    }
    return null;
  }
}
