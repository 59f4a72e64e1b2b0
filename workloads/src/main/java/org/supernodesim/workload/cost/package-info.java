/**
 * The compute cost model: the roofline, max(flops / peak, bytes / HBM bandwidth).
 *
 * <p>Worked example: a BF16 GEMM of 8192 x 8192 x 8192 (2 * 8192^3 = 1.1e12 flops, 3 * 8192^2 * 2
 * = 402.7 MB) on an H100 (989.4 TFLOPS, 3.35 TB/s) is compute-bound: 1.11 ms against 0.12 ms.
 */
package org.supernodesim.workload.cost;
