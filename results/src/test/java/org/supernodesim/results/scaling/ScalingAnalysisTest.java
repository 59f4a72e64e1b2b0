package org.supernodesim.results.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalingAnalysisTest {
  private static final int[] CHIPS = {8, 16, 32, 64, 128, 256, 512};

  /** Strong-scaling step times from the USL: T(N) = T1 / C(N/N1). */
  private static List<ScalingPoint> strongFromUsl(
      double sigma, double kappa, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double baseSeconds = 2.0;
    List<ScalingPoint> points = new ArrayList<>();
    for (int chips : CHIPS) {
      double n = chips / (double) CHIPS[0];
      double capacity = n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
      double jitter = chips == CHIPS[0] ? 1 : 1 + noise * (2 * random.nextDouble() - 1);
      points.add(new ScalingPoint(chips, baseSeconds / capacity * jitter));
    }
    return points;
  }

  @Test
  void strongEfficiencyIsBaseTimeTimesBaseChipsOverTimeTimesChips() {
    // Given 1 chip taking 10 s and 4 chips taking 3 s on the same global batch.
    ScalingAnalysis a =
        ScalingAnalysis.of(
            ScalingKind.STRONG, List.of(new ScalingPoint(4, 3.0), new ScalingPoint(1, 10.0)));

    // Then speedup = 10/3 and efficiency = 10·1 / (3·4) = 0.8333..., points sorted by chips.
    assertEquals(1, a.baseChips());
    assertEquals(1.0, a.points().get(0).efficiency(), 0.0, "the base point is 1 by definition");
    assertEquals(10.0 / 3, a.points().get(1).speedup(), 1e-15, "T1/TN");
    assertEquals(10.0 / 12, a.points().get(1).efficiency(), 1e-15, "T1·N1/(TN·N)");
  }

  @Test
  void weakEfficiencyIsBaseTimeOverTime() {
    // Given 2 chips taking 1 s and 8 chips taking 1.25 s, each chip with the same batch.
    ScalingAnalysis a =
        ScalingAnalysis.of(
            ScalingKind.WEAK, List.of(new ScalingPoint(2, 1.0), new ScalingPoint(8, 1.25)));

    // Then efficiency = 1/1.25 = 0.8 and the scaled speedup = (8/2)·0.8 = 3.2.
    assertEquals(0.8, a.points().get(1).efficiency(), 1e-15, "T1/TN");
    assertEquals(3.2, a.points().get(1).speedup(), 1e-15, "(N/N1)·T1/TN");
    assertTrue(a.usl().isEmpty(), "two points cannot separate σ from κ");
  }

  @Test
  void throughputPointsBecomeStepTimes() {
    // 4096 samples per step at 2048 samples/s: 2 s per step.
    assertEquals(2.0, ScalingPoint.fromThroughput(64, 2048, 4096).stepSeconds(), 0.0);
  }

  @Test
  void uslFitRecoversSigmaAndKappaFromExactData() {
    // Given step times generated from σ = 0.05, κ = 0.002 on 8..512 chips, no noise.
    ScalingAnalysis a = ScalingAnalysis.of(ScalingKind.STRONG, strongFromUsl(0.05, 0.002, 0, 1));

    // Then the fit returns them and explains all the variance.
    ScalingFit usl = a.usl().orElseThrow();
    assertEquals(0.05, usl.sigma(), 1e-9, "σ from exact data, to solver precision");
    assertEquals(0.002, usl.kappa(), 1e-9, "κ from exact data, to solver precision");
    assertEquals(1.0, usl.rSquared(), 1e-12, "R² = 1 on exact data");
    assertTrue(a.amdahl().rSquared() < 1, "Amdahl cannot bend the curve back down");
  }

  @Test
  void amdahlFitRecoversSigmaFromExactWeakScalingData() {
    // Given weak scaling where the scaled speedup follows Amdahl with σ = 0.1: TN = T1·n / S(n).
    double sigma = 0.1;
    List<ScalingPoint> points = new ArrayList<>();
    for (int chips : CHIPS) {
      double n = chips / 8.0;
      points.add(new ScalingPoint(chips, 0.5 * n / (n / (1 + sigma * (n - 1)))));
    }
    ScalingAnalysis a = ScalingAnalysis.of(ScalingKind.WEAK, points);

    assertEquals(sigma, a.amdahl().sigma(), 1e-9, "σ from exact data, to solver precision");
    assertEquals(0.0, a.amdahl().kappa(), 0.0, "Amdahl has no κ");
    assertEquals(1.0, a.amdahl().rSquared(), 1e-12, "R² = 1 on exact data");
    assertEquals(0.0, a.usl().orElseThrow().kappa(), 1e-9, "the USL finds no coherency cost");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void uslFitRecoversSigmaAndKappaFromNoisyData(long seed) {
    // Given the same curve with each step time off by up to ±1 % (uniform, seeded).
    ScalingAnalysis a =
        ScalingAnalysis.of(ScalingKind.STRONG, strongFromUsl(0.05, 0.002, 0.01, seed));

    // Then σ and κ come back within 10 % of their values; R² stays near 1.
    ScalingFit usl = a.usl().orElseThrow();
    assertEquals(0.05, usl.sigma(), 0.005, "σ within ±10 % under ±1 % noise, seed " + seed);
    assertEquals(0.002, usl.kappa(), 0.0002, "κ within ±10 % under ±1 % noise, seed " + seed);
    assertTrue(usl.rSquared() > 0.99, "R² " + usl.rSquared() + " > 0.99, seed " + seed);
  }

  @Test
  void amdahlThresholdCrossingMatchesItsClosedForm() {
    // E(n) = 1/(1 + σ(n−1)) = t  ⇔  n = 1 + (1/t − 1)/σ; σ = 0.1, t = 0.5: n = 11, N = 4·11 = 44.
    ScalingFit fit = new ScalingFit(ScalingFit.Model.AMDAHL, 4, 0.1, 0, 1);
    assertEquals(44.0, fit.chipsWhereEfficiencyFallsBelow(0.5).orElseThrow(), 1e-12);
    assertFalse(
        new ScalingFit(ScalingFit.Model.AMDAHL, 4, 0, 0, 1)
            .chipsWhereEfficiencyFallsBelow(0.5)
            .isPresent(),
        "σ = 0 scales perfectly: never below 0.5");
  }

  @Test
  void uslThresholdCrossingMatchesItsClosedForm() {
    // κn² + (σ−κ)n + (1 − σ − 1/t) = 0 with σ = 0.1, κ = 0.01, t = 0.5:
    // 0.01n² + 0.09n − 1.1 = 0, n = (−0.09 + √(0.0081 + 0.044)) / 0.02 ≈ 6.9127; N = 8n.
    ScalingFit fit = new ScalingFit(ScalingFit.Model.USL, 8, 0.1, 0.01, 1);
    double n = (-0.09 + Math.sqrt(0.0081 + 0.044)) / 0.02;
    double chips = fit.chipsWhereEfficiencyFallsBelow(0.5).orElseThrow();
    assertEquals(8 * n, chips, 1e-9);
    assertEquals(0.5, fit.efficiencyAt(chips), 1e-12, "the model's efficiency there is t");
    assertEquals(8 * Math.sqrt(0.9 / 0.01), fit.peakChips().orElseThrow(), 1e-12, "N1·√((1−σ)/κ)");
  }

  @Test
  void dataCrossingIsTheFirstMeasuredPointBelowTheThreshold() {
    // Efficiencies 1, 0.9, 0.6, 0.7 (not monotone): the first below 0.75 is at 4 chips.
    ScalingAnalysis a =
        ScalingAnalysis.of(
            ScalingKind.WEAK,
            List.of(
                new ScalingPoint(1, 1.0),
                new ScalingPoint(2, 1 / 0.9),
                new ScalingPoint(4, 1 / 0.6),
                new ScalingPoint(8, 1 / 0.7)));
    assertEquals(4, a.firstMeasuredChipsBelow(0.75).orElseThrow());
    assertTrue(a.firstMeasuredChipsBelow(0.5).isEmpty(), "no point is below 0.5");
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ScalingAnalysis.of(
                    ScalingKind.STRONG, List.of(new ScalingPoint(8, 1), new ScalingPoint(8, 2))));
    assertEquals("8 chips measured twice; give each chip count once", twice.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ScalingAnalysis.of(ScalingKind.STRONG, List.of(new ScalingPoint(8, 1))));
    assertThrows(IllegalArgumentException.class, () -> new ScalingPoint(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScalingPoint(8, Double.NaN));
  }

  @Test
  void packageInfoWorkedExampleHolds() {
    // 8 chips at 2.0 s, 64 chips at 0.4 s: efficiency 0.625, σ = 0.6/7, below 0.5 beyond 101.3.
    ScalingAnalysis a =
        ScalingAnalysis.of(
            ScalingKind.STRONG, List.of(new ScalingPoint(8, 2.0), new ScalingPoint(64, 0.4)));
    assertEquals(0.625, a.points().get(1).efficiency(), 1e-15);
    assertEquals(0.6 / 7, a.amdahl().sigma(), 1e-12, "two points: the fit is exact");
    assertEquals(
        8 * (1 + 7 / 0.6), a.amdahl().chipsWhereEfficiencyFallsBelow(0.5).orElseThrow(), 1e-9);
  }
}
