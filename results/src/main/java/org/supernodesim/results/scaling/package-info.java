/**
 * Scaling efficiency of a sweep: strong (fixed global batch) and weak (fixed per-chip batch),
 * relative to the smallest point, with Amdahl's law and Gunther's Universal Scalability Law fitted
 * by least squares (Apache Commons Math 3). Entry point: {@link
 * org.supernodesim.results.scaling.ScalingAnalysis#of}.
 *
 * <p>With n = N/N1 chips relative to the base point, the speedup is C(n) = T1/TN (strong) or
 * n·T1/TN (weak), and efficiency = C(n)/n. The models: Amdahl S(n) = n / (1 + σ(n−1)); USL C(n) = n
 * / (1 + σ(n−1) + κn(n−1)), σ for contention, κ for coherency (which makes C peak at n = √((1−σ)/κ)
 * and then fall).
 *
 * <p>Worked example: strong scaling, 8 chips take T1 = 2.0 s per step and 64 chips take 0.4 s. Then
 * n = 8, speedup = 2.0/0.4 = 5 and efficiency = 2.0·8 / (0.4·64) = 0.625. Amdahl through these two
 * points: 5 = 8 / (1 + 7σ), so σ = 0.6/7 = 0.0857 (R² = 1: one parameter, two points, the base
 * point is always fitted exactly). Efficiency falls below 0.5 where 1 + σ(n−1) = 2, n = 1 + 1/σ =
 * 12.67, that is beyond 8 · 12.67 = 101.3 chips ({@link
 * org.supernodesim.results.scaling.ScalingFit#chipsWhereEfficiencyFallsBelow}). The USL needs a
 * third point to tell σ from κ.
 */
package org.supernodesim.results.scaling;
