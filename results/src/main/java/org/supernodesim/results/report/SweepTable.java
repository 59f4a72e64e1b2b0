package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.scaling.EfficiencyPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;

/**
 * results.csv: one row per point, its parameters, times, scaling efficiency, energy and cost.
 * Numbers are written in full ({@link Double#toString}) for tools, not rounded for people; the
 * same points always give the same bytes, except the {@code wallSeconds} column.
 */
public final class SweepTable {
  private SweepTable() {}

  /** The header line for a sweep over {@code parameterKeys}. */
  public static String header(List<String> parameterKeys) {
    List<String> h = new ArrayList<>();
    h.add("id");
    h.add("status");
    h.addAll(parameterKeys);
    h.addAll(
        List.of(
            "chips", "simulatedPicos", "stepSeconds", "tokensPerSecond", "mfu", "memoryFits",
            "speedup", "efficiency", "energyJoules",
            "energyKilowattHours", "energyJoulesPerStep", "costChipHourPerStep", "costChipHourCurrency",
            "costEnergyPerStep", "costEnergyCurrency", "costPerMillionTokens",
            "costPerTrillionTokens", "costPerMillionOutputTokens", "error", "wallSeconds"));
    return CsvTable.line(h);
  }

  /** A point's row; its speedup and efficiency only when the scaling analysis has them. */
  public static String row(
      SweepPoint p, List<String> parameterKeys, Optional<ScalingAnalysis> scaling) {
    List<String> c = new ArrayList<>();
    c.add(p.id());
    c.add(p.ok() ? "ok" : "failed");
    parameterKeys.forEach(k -> c.add(p.parameters().getOrDefault(k, "")));
    c.add(p.chips() > 0 ? Integer.toString(p.chips()) : "");
    RunResult r = p.result();
    if (r == null) {
      for (int i = 0; i < 16; i++) {
        c.add("");
      }
      c.add(p.error());
      c.add("");
      return CsvTable.line(c);
    }
    c.add(Long.toString(r.simulatedPicos()));
    c.add(number(StepTime.seconds(r)));
    c.addAll(r.workload().match(new TrainingCells()));
    EfficiencyPoint e = scaling.flatMap(a -> efficiencyAt(a, p.chips())).orElse(null);
    c.add(e == null ? "" : number(e.speedup()));
    c.add(e == null ? "" : number(e.efficiency()));
    c.add(r.energy().map(x -> number(x.facilityJoules())).orElse(""));
    c.add(r.energy().map(x -> number(x.kilowattHours())).orElse(""));
    c.add(r.energy().map(x -> number(x.joulesPerStep())).orElse(""));
    CostResult hour = cost(r, Price.Basis.CHIP_HOUR);
    CostResult energy = cost(r, Price.Basis.KILOWATT_HOUR);
    c.add(hour == null ? "" : number(hour.perStep()));
    c.add(hour == null ? "" : hour.price().currency());
    c.add(energy == null ? "" : number(energy.perStep()));
    c.add(energy == null ? "" : energy.price().currency());
    CostResult first = hour != null ? hour : energy;
    c.add(first == null || first.perMillionTokens() == null ? "" : number(first.perMillionTokens()));
    c.add(first == null || first.perTrillionTokens() == null ? "" : number(first.perTrillionTokens()));
    c.add(first == null || first.perMillionOutputTokens() == null
        ? "" : number(first.perMillionOutputTokens()));
    c.add("");
    c.add(r.run() == null ? "" : String.format(Locale.ROOT, "%.3f", r.run().wallSeconds()));
    return CsvTable.line(c);
  }

  /** The whole table, points in the order given. */
  public static String of(List<SweepPoint> points, Optional<ScalingAnalysis> scaling) {
    List<String> keys = parameterKeys(points);
    StringBuilder out = new StringBuilder(header(keys));
    points.forEach(p -> out.append(row(p, keys, scaling)));
    return out.toString();
  }

  /** Every parameter key of the points, in first-seen order. */
  public static List<String> parameterKeys(List<SweepPoint> points) {
    Set<String> keys = new LinkedHashSet<>();
    points.forEach(p -> keys.addAll(p.parameters().keySet()));
    return List.copyOf(keys);
  }

  /**
   * The strong or weak scaling of the points that ran, when there are at least two and no chip
   * count appears twice (a sweep that also varies something else is read as a table only).
   */
  public static Optional<ScalingAnalysis> scaling(
      List<SweepPoint> points, org.supernodesim.results.scaling.ScalingKind kind) {
    Map<Integer, SweepPoint> byChips = new TreeMap<>();
    for (SweepPoint p : points) {
      if (p.ok() && p.chips() > 0 && byChips.put(p.chips(), p) != null) {
        return Optional.empty();
      }
    }
    if (byChips.size() < 2) {
      return Optional.empty();
    }
    List<org.supernodesim.results.scaling.ScalingPoint> measured = new ArrayList<>();
    byChips.forEach(
        (chips, p) ->
            measured.add(
                new org.supernodesim.results.scaling.ScalingPoint(
                    chips, StepTime.seconds(p.result()))));
    return Optional.of(ScalingAnalysis.of(kind, measured));
  }

  /** tokensPerSecond, mfu and memoryFits: a training step's; empty for the other kinds. */
  private static final class TrainingCells implements WorkloadResult.Cases<List<String>> {
    private static final List<String> NONE = List.of("", "", "");

    @Override
    public List<String> collectives(CollectiveBenchmarkResult c) {
      return NONE;
    }

    @Override
    public List<String> training(TrainingResult t) {
      return List.of(number(t.tokensPerSecond()), number(t.mfu()), Boolean.toString(t.fits()));
    }

    @Override
    public List<String> serving(ServingResult s) {
      return NONE;
    }
  }

  private static Optional<EfficiencyPoint> efficiencyAt(ScalingAnalysis a, int chips) {
    return a.points().stream().filter(e -> e.chips() == chips).findFirst();
  }

  private static CostResult cost(RunResult r, Price.Basis basis) {
    return r.costs().stream().filter(c -> c.price().basis() == basis).findFirst().orElse(null);
  }

  private static String number(double v) {
    return Double.toString(v);
  }
}
