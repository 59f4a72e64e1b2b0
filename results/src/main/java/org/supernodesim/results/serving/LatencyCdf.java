package org.supernodesim.results.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * The empirical CDFs of a serving run's latencies: for each fraction F of the completed requests,
 * the latency within which F of them finished (from the same HdrHistograms as the percentiles, each
 * value the upper end of its bucket, 0.1 % precision, the last the exact maximum).
 *
 * @param fractions the fractions, rising from 0 to 1
 * @param ttftSeconds time to first token at each fraction
 * @param tpotSeconds time per output token at each fraction; empty when every request had one
 *     output token
 * @param e2eSeconds arrival to last token at each fraction
 */
public record LatencyCdf(
    List<Double> fractions,
    List<Double> ttftSeconds,
    List<Double> tpotSeconds,
    List<Double> e2eSeconds) {
  public LatencyCdf {
    fractions = List.copyOf(fractions);
    ttftSeconds = List.copyOf(ttftSeconds);
    tpotSeconds = List.copyOf(tpotSeconds);
    e2eSeconds = List.copyOf(e2eSeconds);
  }

  /**
   * The fractions a serving result keeps: every percent from 1 to 99, then 99.5 %, 99.9 % and the
   * maximum, and 0 (the fastest request): 103 points, enough to read p50 and p99 off a chart.
   */
  public static List<Double> standardFractions() {
    List<Double> f = new ArrayList<>();
    f.add(0.0);
    for (int p = 1; p <= 99; p++) {
      f.add(p / 100.0);
    }
    f.add(0.995);
    f.add(0.999);
    f.add(1.0);
    return List.copyOf(f);
  }
}
