/**
 * What a serving run keeps beyond its totals: the latencies of result.json's {@code serving}
 * object ({@link org.supernodesim.results.ServingResult}) as percentiles in seconds ({@link
 * org.supernodesim.results.serving.LatencySeconds}) and CDF points ({@link
 * org.supernodesim.results.serving.LatencyCdf}), both from the {@link
 * org.supernodesim.results.metrics.LatencyRecorder}'s HdrHistogram of picoseconds; each instance
 * over time ({@link org.supernodesim.results.serving.InstanceSeries} in a {@link
 * org.supernodesim.results.serving.ServingSeries}), fed by the bounded recorder {@link
 * org.supernodesim.results.serving.StepLog} the instance calls from its handler; and each request
 * ({@link org.supernodesim.results.serving.RequestRecord}) for requests.csv.
 *
 * <p>Worked example: a request arriving at 10.000 s whose first token comes at 10.250 s and whose
 * 101st and last at 12.250 s has TTFT 0.250 s, e2e 2.250 s and TPOT (2.250 - 0.250) / 100 =
 * 0.020 s; against targets of 0.5 s and 50 ms it counts in {@code sloAttainment.both}. A run of
 * 3,452 s keeps 120 buckets at most: 1 ms doubled 15 times is 32.768 s, and 106 such buckets
 * cover the run; an instance busy 25 ms in a 32.768 s bucket reads 0.0008 there.
 */
package org.supernodesim.results.serving;
