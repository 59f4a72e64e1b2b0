package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.scaling.EfficiencyPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;

/**
 * results.csv: one row per point, its parameters, the headline figures of its kind ({@link
 * Headlines}: training step, tokens/s, MFU, memory and fit; serving TTFT/TPOT/e2e p50 and p99, SLO
 * attainment, output tokens/s in all and per chip; collectives the busiest bus bandwidth; the
 * columns of the other kinds are empty), scaling efficiency, energy and cost. Numbers are written
 * in full ({@link Double#toString}) for tools, not rounded for people; the same points always give
 * the same bytes, except the {@code wallSeconds} column.
 */
public final class SweepTable {
  /** Columns before the headline figures: stepSeconds is every kind's time per step. */
  private static final List<String> FIRST = List.of("chips", "simulatedPicos", "stepSeconds");

  /** Columns after them. */
  private static final List<String> LAST =
      List.of(
          "speedup",
          "efficiency",
          "energyJoules",
          "energyJoulesPerStep",
          "costChipHourPerStep",
          "costChipHourCurrency",
          "costEnergyPerStep",
          "costEnergyCurrency",
          "costPerMillionTokens",
          "costPerTrillionTokens",
          "costPerMillionOutputTokens",
          "error",
          "wallSeconds");

  /** The headline columns, less stepSeconds (already among the first). */
  private static final List<String> FIGURES =
      Headlines.COLUMNS.stream().filter(c -> !FIRST.contains(c)).toList();

  private SweepTable() {}

  /** The header line for a sweep over {@code parameterKeys}. */
  public static String header(List<String> parameterKeys) {
    List<String> h = new ArrayList<>();
    h.add("id");
    h.add("status");
    h.addAll(parameterKeys);
    h.addAll(FIRST);
    h.addAll(FIGURES);
    h.addAll(LAST);
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
      for (int i = 0; i < FIRST.size() - 1 + FIGURES.size() + LAST.size() - 2; i++) {
        c.add("");
      }
      c.add(p.error());
      c.add("");
      return CsvTable.line(c);
    }
    c.add(Long.toString(r.simulatedPicos()));
    c.add(number(StepTime.seconds(r)));
    List<Headlines.Figure> figures = Headlines.of(r);
    for (String column : FIGURES) {
      Double v = Headlines.value(figures, column);
      c.add(v == null ? "" : column.equals("memoryFits") ? Boolean.toString(v == 1) : number(v));
    }
    EfficiencyPoint e = scaling.flatMap(a -> efficiencyAt(a, p.chips())).orElse(null);
    c.add(e == null ? "" : number(e.speedup()));
    c.add(e == null ? "" : number(e.efficiency()));
    c.add(r.energy().map(x -> number(x.facilityJoules())).orElse(""));
    c.add(r.energy().map(x -> number(x.joulesPerStep())).orElse(""));
    CostResult hour = cost(r, Price.Basis.CHIP_HOUR);
    CostResult energy = cost(r, Price.Basis.KILOWATT_HOUR);
    c.add(hour == null ? "" : number(hour.perStep()));
    c.add(hour == null ? "" : hour.price().currency());
    c.add(energy == null ? "" : number(energy.perStep()));
    c.add(energy == null ? "" : energy.price().currency());
    CostResult first = hour != null ? hour : energy;
    c.add(
        first == null || first.perMillionTokens() == null ? "" : number(first.perMillionTokens()));
    c.add(
        first == null || first.perTrillionTokens() == null
            ? ""
            : number(first.perTrillionTokens()));
    c.add(
        first == null || first.perMillionOutputTokens() == null
            ? ""
            : number(first.perMillionOutputTokens()));
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
