package org.supernodesim.results.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  /** Asserts {@code actual} is the exact order statistic or at most 10^-digits above it. */
  private static void assertWithinBucket(long exact, long actual, int digits, String what) {
    double tolerance = exact * Math.pow(10, -digits);
    assertTrue(
        actual >= exact && actual <= exact + tolerance,
        what
            + ": "
            + actual
            + " ps should be within [exact, exact·(1 + 10^-"
            + digits
            + ")] = ["
            + exact
            + ", "
            + (exact + tolerance)
            + "] ps, "
            + digits
            + " significant digits");
  }

  @Test
  void percentilesWalkedFromTheSmallestValueAreHdrHistogramsOwn() {
    // Given spreads a run meets (one value repeated at a collective's milliseconds, a zero among
    // them, nine decades, clustered draws), at every precision HdrHistogram allows: the value at
    // each percentile, walked from the smallest value's bucket, is the one HdrHistogram's walk
    // from bucket 0 gives, to the picosecond.
    Random random = new Random(11);
    List<long[]> spreads = new ArrayList<>();
    spreads.add(new long[] {5_752_979_422L});
    spreads.add(new long[] {0, 0, 0});
    spreads.add(new long[] {0, 1, 2, 5_752_979_422L});
    spreads.add(new long[] {1, 1_000_000_000_000L});
    long[] decades = new long[2_000];
    for (int i = 0; i < decades.length; i++) {
      decades[i] = (long) Math.pow(10, 9 * random.nextDouble());
    }
    spreads.add(decades);
    long[] cluster = new long[5_000];
    for (int i = 0; i < cluster.length; i++) {
      cluster[i] = 5_700_000_000L + random.nextInt(60_000_000);
    }
    spreads.add(cluster);
    double[] percentiles = {0, 1e-9, 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.999, 100};
    for (int digits = 0; digits <= 5; digits++) {
      for (long[] values : spreads) {
        LatencyRecorder recorder = new LatencyRecorder(digits);
        org.HdrHistogram.Histogram reference = new org.HdrHistogram.Histogram(digits);
        for (long v : values) {
          recorder.recordPicos(v);
          reference.recordValue(v);
        }
        for (double p : percentiles) {
          assertEquals(reference.getValueAtPercentile(p), recorder.valueAtPercentile(p),
              "p" + p + " of " + values.length + " values at " + digits + " digits");
        }
      }
    }
  }

  @Test
  void uniformOneToOneMillionGivesItsOrderStatistics() {
    // Given the values 1, 2, ..., 1,000,000 ps, each once: the p-th percentile is p·10^4 ps.
    LatencyRecorder recorder = new LatencyRecorder(3);
    for (long v = 1; v <= 1_000_000; v++) {
      recorder.recordPicos(v);
    }

    Percentiles p = recorder.percentiles().orElseThrow();
    assertEquals(1_000_000, p.count());
    assertWithinBucket(500_000, p.p50Picos(), 3, "p50");
    assertWithinBucket(900_000, p.p90Picos(), 3, "p90");
    assertWithinBucket(990_000, p.p99Picos(), 3, "p99");
    assertEquals(1_000_000, p.maxPicos(), "max is tracked exactly, not bucketed");
  }

  @Test
  void exponentialLatenciesInSecondsMatchTheirQuantileFunction() {
    // Given 200,000 draws of an exponential with mean 2 ms (seeded), recorded in seconds.
    // Its quantile is −mean·ln(1 − p): p50 = 1.386 ms, p90 = 4.605 ms, p99 = 9.210 ms.
    double meanSeconds = 2e-3;
    Random random = new Random(7);
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < 200_000; i++) {
      recorder.recordSeconds(-meanSeconds * Math.log(1 - random.nextDouble()));
    }

    // Then each is within 2 %: sampling error of a quantile at n = 200,000 is below 1 % for p99
    // (√(p(1−p)/n)/f(q)), plus 0.1 % from the histogram's three significant digits.
    Percentiles p = recorder.percentiles().orElseThrow();
    assertEquals(-meanSeconds * Math.log(0.5), p.p50Seconds(), 0.02 * 1.386e-3, "p50 ±2 %");
    assertEquals(-meanSeconds * Math.log(0.1), p.p90Seconds(), 0.02 * 4.605e-3, "p90 ±2 %");
    assertEquals(-meanSeconds * Math.log(0.01), p.p99Seconds(), 0.02 * 9.210e-3, "p99 ±2 %");
  }

  @Test
  void theOrderOfRecordingDoesNotChangeTheResult() {
    List<Long> values = new ArrayList<>();
    for (long v = 0; v < 10_000; v++) {
      values.add(v * v * 1_000);
    }
    LatencyRecorder inOrder = new LatencyRecorder();
    values.forEach(inOrder::recordPicos);
    Collections.shuffle(values, new Random(3));
    LatencyRecorder shuffled = new LatencyRecorder();
    values.forEach(shuffled::recordPicos);

    assertEquals(inOrder.percentiles(), shuffled.percentiles());
  }

  @Test
  void emptyHasNoPercentilesAndBadValuesAreRejected() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertTrue(recorder.percentiles().isEmpty(), "no value, no percentile");
    assertThrows(IllegalArgumentException.class, () -> recorder.recordPicos(-1));
    assertThrows(IllegalArgumentException.class, () -> recorder.recordSeconds(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new LatencyRecorder(6));
  }
}
