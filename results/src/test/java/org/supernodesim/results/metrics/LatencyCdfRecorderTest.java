package org.supernodesim.results.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyCdfRecorderTest {
  @Test
  void theCdfOfOneToAMillionPicosecondsIsTheIdentityWithinItsPrecision() {
    // Given 1, 2, ..., 1,000,000 ps: the value at fraction F is F x 1e6 ps.
    LatencyRecorder r = new LatencyRecorder();
    for (long v = 1; v <= 1_000_000; v++) {
      r.recordPicos(v);
    }
    List<Double> at = r.secondsAt(List.of(0.0, 0.25, 0.5, 0.99, 1.0));

    // Then each within 0.1 % above the exact order statistic, 0 the smallest, 1 the maximum.
    assertEquals(1e-12, at.get(0), 1e-15, "fraction 0: the smallest value, 1 ps");
    assertEquals(2.5e-7, at.get(1), 2.5e-7 * 1e-3, "p25 within 0.1 %");
    assertEquals(5e-7, at.get(2), 5e-7 * 1e-3, "p50 within 0.1 %");
    assertEquals(9.9e-7, at.get(3), 9.9e-7 * 1e-3, "p99 within 0.1 %");
    assertEquals(1e-6, at.get(4), 0, "fraction 1: the exact maximum");
  }

  @Test
  void thePercentileDistributionIsHdrHistogramsTextInMilliseconds() {
    LatencyRecorder r = new LatencyRecorder();
    r.recordSeconds(0.020);
    r.recordSeconds(0.050);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.writePercentileDistribution(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("       Value     Percentile TotalCount 1/(1-Percentile)"), text);
    // The first row: the smallest value's bucket, reported at its top end (within 0.1 %).
    String[] first = text.lines().skip(2).findFirst().orElseThrow().trim().split("\\s+");
    assertEquals(20.0, Double.parseDouble(first[0]), 0.02, "20 ms, within 0.1 %: " + text);
    assertEquals("0.000000000000", first[1]);
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("#[Max")
                        && l.contains(" 50.0")
                        && l.contains("Total count    =            2]")),
        "max 50 ms within 0.1 %: " + text);
  }
}
