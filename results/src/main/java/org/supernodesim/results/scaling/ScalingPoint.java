package org.supernodesim.results.scaling;

/**
 * One measured point of a sweep: a chip count and the time one step took there.
 *
 * @param chips the chips the run used, at least 1
 * @param stepSeconds the time of one step (or of the whole run, alike for every point), > 0
 */
public record ScalingPoint(int chips, double stepSeconds) {
  public ScalingPoint {
    if (chips < 1) {
      throw new IllegalArgumentException("chips must be >= 1: " + chips);
    }
    if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) { // also rejects NaN
      throw new IllegalArgumentException(
          chips + " chips: step time must be finite and > 0 s: " + stepSeconds);
    }
  }

  /**
   * A point measured as throughput: one step processes {@code itemsPerStep} items (the global
   * batch; for weak scaling, the per-chip batch times {@code chips}), so it takes itemsPerStep /
   * itemsPerSecond seconds.
   */
  public static ScalingPoint fromThroughput(int chips, double itemsPerSecond, double itemsPerStep) {
    if (!(itemsPerSecond > 0) || !(itemsPerStep > 0)) {
      throw new IllegalArgumentException(
          chips
              + " chips: throughput and items per step must be > 0: "
              + itemsPerSecond
              + " items/s, "
              + itemsPerStep
              + " items");
    }
    return new ScalingPoint(chips, itemsPerStep / itemsPerSecond);
  }
}
