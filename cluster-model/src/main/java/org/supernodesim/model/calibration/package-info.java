/**
 * Calibration of the compute cost model: per chip, the fraction of peak that matrix, fused
 * attention and memory-bound kernels reach ({@link
 * org.supernodesim.model.calibration.ComputeCalibration}), read from {@code
 * org/supernodesim/model/calibration/<chip>.yaml}.
 *
 * <p>Worked example: the A100's matmul curve (peak fraction 0.77, half-efficiency dimension 128)
 * gives a 2048 x 9216 x 2304 GEMM 0.77 · 2048 / (2048 + 128) = 72 % of 312 TFLOPS, 226 TFLOPS;
 * an attention batched GEMM with head dimension 96 gets 0.77 · 96 / 224 = 33 %.
 *
 * <p>FP8 on the H800 and H100 SXM takes its own curve, fitted to DeepGEMM's published table
 * ({@code deepgemm-h800-fp8.csv} beside the files): DeepSeek-V3's expert down-projection (N 7168,
 * K 2048) at 0.783 · 2048 / (2048 + 907) = 54 % of 1,979 TFLOPS, 1,074 TFLOPS, where DeepGEMM
 * measures 1,099 (grouped contiguous, 4 x 8,192 rows); at 64 rows its 15.7 MB (14.7 of them
 * weights) stream at 0.661 of 3.35 TB/s, 7.1 us, where DeepGEMM measures 6.4.
 */
package org.supernodesim.model.calibration;
