package org.supernodesim.results.metrics;

import org.supernodesim.model.units.Units;

/**
 * A latency distribution in four numbers, in picoseconds. Percentiles come from an HdrHistogram and
 * are the upper end of their bucket, so each is at most {@code 10^-significantDigits} above the
 * exact order statistic; {@code maxPicos} is exact.
 *
 * @param count how many values were recorded, at least 1
 * @param p50Picos the median
 * @param p90Picos the 90th percentile
 * @param p99Picos the 99th percentile
 * @param maxPicos the largest value recorded, exact
 * @param significantDigits the histogram's precision, 0 to 5 decimal digits
 */
public record Percentiles(
    long count, long p50Picos, long p90Picos, long p99Picos, long maxPicos, int significantDigits) {

  /** The median in seconds. */
  public double p50Seconds() {
    return Units.picosToSeconds(p50Picos);
  }

  /** The 90th percentile in seconds. */
  public double p90Seconds() {
    return Units.picosToSeconds(p90Picos);
  }

  /** The 99th percentile in seconds. */
  public double p99Seconds() {
    return Units.picosToSeconds(p99Picos);
  }

  /** The largest value in seconds. */
  public double maxSeconds() {
    return Units.picosToSeconds(maxPicos);
  }
}
