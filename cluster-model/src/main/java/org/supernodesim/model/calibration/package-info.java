/**
 * Calibration of the compute cost model: per chip, the fraction of peak that matrix, fused
 * attention and memory-bound kernels reach ({@link
 * org.supernodesim.model.calibration.ComputeCalibration}), read from {@code
 * org/supernodesim/model/calibration/<chip>.yaml}.
 *
 * <p>Worked example: the A100's matmul curve (peak fraction 0.77, half-efficiency dimension 128)
 * gives a 2048 x 9216 x 2304 GEMM 0.77 · 2048 / (2048 + 128) = 72 % of 312 TFLOPS, 226 TFLOPS;
 * an attention batched GEMM with head dimension 96 gets 0.77 · 96 / 224 = 33 %.
 */
package org.supernodesim.model.calibration;
