package org.supernodesim.results.serving;

import org.supernodesim.results.metrics.Percentiles;

/** A latency distribution in seconds, from an HdrHistogram of picoseconds (0.1 % precision). */
public record LatencySeconds(double p50, double p90, double p99, double max) {

  /**
   * The percentiles of {@code p}, each at most the exact maximum: a histogram reports the upper
   * end of a value's bucket, up to 0.1 % above the largest value itself.
   */
  public static LatencySeconds of(Percentiles p) {
    double max = p.maxSeconds();
    return new LatencySeconds(
        Math.min(p.p50Seconds(), max), Math.min(p.p90Seconds(), max),
        Math.min(p.p99Seconds(), max), max);
  }
}
