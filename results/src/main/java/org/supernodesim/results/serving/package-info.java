/**
 * The latencies of result.json's {@code serving} object ({@link
 * org.supernodesim.results.ServingResult}): percentiles in seconds ({@link
 * org.supernodesim.results.serving.LatencySeconds}, from the {@link
 * org.supernodesim.results.metrics.LatencyRecorder}'s HdrHistogram of picoseconds).
 *
 * <p>Worked example: a request arriving at 10.000 s whose first token comes at 10.250 s and whose
 * 101st and last at 12.250 s has TTFT 0.250 s, e2e 2.250 s and TPOT (2.250 - 0.250) / 100 =
 * 0.020 s; against targets of 0.5 s and 50 ms it counts in {@code sloAttainment.both}.
 */
package org.supernodesim.results.serving;
