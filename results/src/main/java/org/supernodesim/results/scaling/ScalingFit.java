package org.supernodesim.results.scaling;

import java.util.OptionalDouble;

/**
 * A scaling model fitted to a sweep, relative to its base point of {@code baseChips} chips. With n
 * = N / N1 the relative chip count, the speedup (capacity) is C(n) = n / (1 + σ(n−1) + κn(n−1)) and
 * the efficiency C(n) / n; Amdahl's law is the case κ = 0.
 *
 * @param model which model was fitted (Amdahl fixes κ at 0)
 * @param baseChips N1, the chips of the base point
 * @param sigma σ, contention: the share of the work that does not parallelise
 * @param kappa κ, coherency: the cost of keeping chips in step, growing with n²
 * @param rSquared 1 − SS_res / SS_tot of the fitted speedups against the measured ones; 1 when the
 *     model reproduces the data exactly
 */
public record ScalingFit(Model model, int baseChips, double sigma, double kappa, double rSquared) {

  /** The models that can be fitted. */
  public enum Model {
    /** Amdahl's law: S(n) = n / (1 + σ(n−1)). */
    AMDAHL("Amdahl"),
    /** Gunther's Universal Scalability Law: C(n) = n / (1 + σ(n−1) + κn(n−1)). */
    USL("USL");

    private final String label;

    Model(String label) {
      this.label = label;
    }

    /** A short name for tables and legends. */
    public String label() {
      return label;
    }
  }

  /** The speedup the model predicts at {@code chips}, relative to the base point. */
  public double speedupAt(double chips) {
    double n = chips / baseChips;
    return n / denominator(n);
  }

  /** The efficiency the model predicts at {@code chips}: speedup / (N / N1). */
  public double efficiencyAt(double chips) {
    return 1 / denominator(chips / baseChips);
  }

  private double denominator(double n) {
    return 1 + sigma * (n - 1) + kappa * n * (n - 1);
  }

  /**
   * The chip count (not rounded) beyond which the model's efficiency is below {@code threshold};
   * empty if it never falls that low (σ ≤ 0 and κ = 0, for instance).
   *
   * <p>E(n) &lt; t ⇔ 1 + σ(n−1) + κn(n−1) &gt; 1/t ⇔ q(n) = κn² + (σ−κ)n + (1 − σ − 1/t) &gt; 0.
   * Since q(1) = 1 − 1/t &lt; 0, the smallest root of q above 1 is where efficiency crosses t.
   *
   * @param threshold an efficiency strictly between 0 and 1
   */
  public OptionalDouble chipsWhereEfficiencyFallsBelow(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("efficiency threshold must be in (0, 1): " + threshold);
    }
    double a = kappa;
    double b = sigma - kappa;
    double c = 1 - sigma - 1 / threshold;
    double n;
    if (a == 0) {
      if (!(b > 0)) {
        return OptionalDouble.empty();
      }
      n = -c / b;
    } else {
      double discriminant = b * b - 4 * a * c;
      if (discriminant < 0) {
        return OptionalDouble.empty();
      }
      // The stable form of the two roots: no cancellation when b² dominates 4ac.
      double q = -0.5 * (b + Math.copySign(Math.sqrt(discriminant), b));
      double r1 = q / a;
      double r2 = q == 0 ? r1 : c / q;
      double low = Math.min(r1, r2);
      double high = Math.max(r1, r2);
      if (low > 1) {
        n = low;
      } else if (high > 1) {
        n = high;
      } else {
        return OptionalDouble.empty();
      }
    }
    return OptionalDouble.of(n * baseChips);
  }

  /**
   * Where the model's speedup peaks, N1·√((1−σ)/κ) (Gunther): adding chips beyond it makes a step
   * slower. Empty when κ ≤ 0 or σ ≥ 1.
   */
  public OptionalDouble peakChips() {
    if (!(kappa > 0) || !(sigma < 1)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(baseChips * Math.sqrt((1 - sigma) / kappa));
  }
}
