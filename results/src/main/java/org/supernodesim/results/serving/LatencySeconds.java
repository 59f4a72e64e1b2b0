package org.supernodesim.results.serving;

import org.supernodesim.results.metrics.Percentiles;

/** A latency distribution in seconds, from an HdrHistogram of picoseconds (0.1 % precision). */
public record LatencySeconds(double p50, double p90, double p99, double max) {

  public static LatencySeconds of(Percentiles p) {
    return new LatencySeconds(p.p50Seconds(), p.p90Seconds(), p.p99Seconds(), p.maxSeconds());
  }
}
