/**
 * Run results: {@link org.supernodesim.results.RunResult} is the source of truth of every report.
 * It holds one {@link org.supernodesim.results.WorkloadResult}, of the workload's kind ({@link
 * org.supernodesim.results.CollectiveBenchmarkResult}, {@link
 * org.supernodesim.results.TrainingResult} or {@link org.supernodesim.results.ServingResult});
 * result.json keeps the keys it always had ({@code RunResultJson}). What varies between runs lives
 * in {@link org.supernodesim.results.RunInfo}, so the rest can be compared byte for byte.
 *
 * <p>Worked example: a 1 GiB all-reduce over 384 chips taking 6,230,009,000 ps (the closed form,
 * 6,230,008,272 ps, plus whole-byte chunks) is reported with algorithmBytesPerSecond = 2^30 /
 * 6.230e-3 s = 1.7235e11 and busBytesPerSecond = 1.7235e11 * 2 * 383 / 384 = 3.438e11.
 */
package org.supernodesim.results;
