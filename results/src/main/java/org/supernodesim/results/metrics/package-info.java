/**
 * Metric recorders. {@link org.supernodesim.results.metrics.LatencyRecorder} keeps latencies in an
 * HdrHistogram and reports {@link org.supernodesim.results.metrics.Percentiles}: p50, p90, p99
 * (each the upper end of its bucket) and the exact max.
 *
 * <p>Worked example: with 3 significant digits a bucket spans at most 0.1 % of its values, so a p99
 * whose exact value is 990,000 ps is reported between 990,000 and 990,990 ps; the same recorder
 * holds 1 ps and 1 h (3.6e15 ps) without a configured range, because the histogram resizes.
 * Recording 1, 2, ..., 1,000,000 ps gives p50 ≈ 500,000 ps (5.0e-7 s), p90 ≈ 900,000 ps, p99 ≈
 * 990,000 ps and max = 1,000,000 ps exactly.
 */
package org.supernodesim.results.metrics;
