package org.supernodesim.results.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sweep's scaling read against its smallest point: each point's speedup and efficiency, and
 * Amdahl's law and the USL fitted to the speedups.
 *
 * @param kind strong (fixed global batch) or weak (fixed per-chip batch)
 * @param baseChips the chips of the smallest point, N1
 * @param points the measured points in increasing chip count
 * @param amdahl Amdahl's law fitted by least squares (needs 2 points)
 * @param usl the USL fitted by least squares; empty with fewer than 3 points, which cannot tell σ
 *     from κ
 */
public record ScalingAnalysis(
    ScalingKind kind,
    int baseChips,
    List<EfficiencyPoint> points,
    ScalingFit amdahl,
    Optional<ScalingFit> usl) {
  public ScalingAnalysis {
    points = List.copyOf(points);
  }

  /**
   * Analyses {@code measured} (any order, each chip count once, at least two points).
   *
   * @throws IllegalArgumentException with fewer than two points or a chip count measured twice
   */
  public static ScalingAnalysis of(ScalingKind kind, List<ScalingPoint> measured) {
    List<ScalingPoint> sorted = new ArrayList<>(measured);
    sorted.sort(Comparator.comparingInt(ScalingPoint::chips));
    if (sorted.size() < 2) {
      throw new IllegalArgumentException(
          "a scaling analysis needs at least 2 points: " + sorted.size());
    }
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).chips() == sorted.get(i - 1).chips()) {
        throw new IllegalArgumentException(
            sorted.get(i).chips() + " chips measured twice; give each chip count once");
      }
    }
    ScalingPoint base = sorted.get(0);
    int rows = sorted.size();
    double[] relativeChips = new double[rows];
    double[] speedups = new double[rows];
    List<EfficiencyPoint> points = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      ScalingPoint p = sorted.get(i);
      double n = (double) p.chips() / base.chips();
      double timeRatio = base.stepSeconds() / p.stepSeconds();
      // Strong: the same work on n times the chips should be n times faster, speedup = T1/TN.
      // Weak: n times the work in the same time, so the work rate grows by n·T1/TN.
      double speedup = kind == ScalingKind.STRONG ? timeRatio : n * timeRatio;
      relativeChips[i] = n;
      speedups[i] = speedup;
      points.add(new EfficiencyPoint(p.chips(), p.stepSeconds(), speedup, speedup / n));
    }
    ScalingFit amdahl =
        ScalingFitter.fit(ScalingFit.Model.AMDAHL, base.chips(), relativeChips, speedups);
    Optional<ScalingFit> usl =
        rows >= 3
            ? Optional.of(
                ScalingFitter.fit(ScalingFit.Model.USL, base.chips(), relativeChips, speedups))
            : Optional.empty();
    return new ScalingAnalysis(kind, base.chips(), points, amdahl, usl);
  }

  /**
   * The smallest measured chip count whose efficiency is below {@code threshold}; empty if every
   * point stays at or above it.
   */
  public OptionalInt firstMeasuredChipsBelow(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("efficiency threshold must be in (0, 1): " + threshold);
    }
    for (EfficiencyPoint p : points) {
      if (p.efficiency() < threshold) {
        return OptionalInt.of(p.chips());
      }
    }
    return OptionalInt.empty();
  }

  /** The fits available, Amdahl first. */
  public List<ScalingFit> fits() {
    List<ScalingFit> fits = new ArrayList<>(2);
    fits.add(amdahl);
    usl.ifPresent(fits::add);
    return List.copyOf(fits);
  }
}
