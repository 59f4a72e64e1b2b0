package org.supernodesim.workload.inference;

import java.util.SplittableRandom;

/**
 * Standard normal and gamma draws from a {@link SplittableRandom}, written out so that a seed
 * gives the same numbers on every JVM (java.util.Random's nextGaussian caches state and differs in
 * approach across versions; StrictMath keeps the functions bit-identical).
 */
final class Gaussian {
  private Gaussian() {}

  /** A standard normal draw (Box-Muller, one of the pair). */
  static double next(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // in (0, 1]
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  /**
   * A gamma draw of shape {@code k} and scale 1 (Marsaglia and Tsang, ACM TOMS 26(3), 2000; for
   * k < 1 the boost G(k) = G(k+1) U^(1/k)).
   */
  static double gamma(SplittableRandom random, double k) {
    if (k < 1) {
      double u = 1.0 - random.nextDouble();
      return gamma(random, k + 1) * StrictMath.pow(u, 1 / k);
    }
    double d = k - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = next(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - random.nextDouble();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return d * v;
      }
    }
  }
}
