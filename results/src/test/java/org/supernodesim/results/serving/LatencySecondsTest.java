package org.supernodesim.results.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supernodesim.results.metrics.LatencyRecorder;

class LatencySecondsTest {
  @Test
  void noPercentileExceedsTheMaximum() {
    // Given 100 equal latencies of 12.0117 ms: every percentile is their bucket's upper end,
    // which lies above the value itself by up to 0.1 %.
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 0; i < 100; i++) {
      r.recordPicos(12_011_700_000L);
    }

    LatencySeconds l = LatencySeconds.of(r.percentiles().orElseThrow());

    // Then each is clamped to the exact maximum, so p50 <= p90 <= p99 <= max always holds.
    assertEquals(0.0120117, l.max(), 0, "the maximum is exact");
    assertEquals(l.max(), l.p99(), 0, "p99 clamped to the maximum");
    assertEquals(l.max(), l.p50(), 0, "p50 clamped to the maximum");
  }
}
