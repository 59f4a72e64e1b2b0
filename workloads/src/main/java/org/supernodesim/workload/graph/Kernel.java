package org.supernodesim.workload.graph;

import org.supernodesim.model.chip.Precision;

/**
 * One kernel of a {@link Operation.Kernels} run: its kind and shape choose the efficiency the cost
 * model applies; {@code flops} and {@code bytes} (HBM traffic) are what the roofline divides.
 *
 * @param kind what the kernel does
 * @param flops arithmetic operations (a multiply-add counts 2)
 * @param bytes HBM bytes read and written
 * @param smallestDimension for matrix kernels the smallest of m, n and k (per batch entry), which
 *     decides how well the kernel fills the chip; 0 for elementwise kernels
 * @param precision the arithmetic of matrix kernels
 * @param weightDimension for matrix kernels the smaller of n and k, the weight's sides, without
 *     the rows m: what a per-GEMM curve fitted on weight shapes reads (a GEMM of few rows is
 *     limited by streaming its weight, which the roofline's byte term charges)
 */
public record Kernel(
    Kind kind, double flops, double bytes, long smallestDimension, Precision precision,
    long weightDimension) {

  /** A kernel whose weight dimension is its smallest dimension. */
  public Kernel(
      Kind kind, double flops, double bytes, long smallestDimension, Precision precision) {
    this(kind, flops, bytes, smallestDimension, precision, smallestDimension);
  }

  /** Kernel kinds the cost model has an efficiency for. */
  public enum Kind {
    /** A dense GEMM or batched GEMM: compute-bound when large. */
    MATMUL,
    /** Fused attention (FlashAttention): scores never reach HBM. */
    FUSED_ATTENTION,
    /** Norms, activations, softmax, dropout, residual adds, optimizer updates: memory-bound. */
    ELEMENTWISE
  }

  public Kernel {
    if (!(flops >= 0) || !(bytes >= 0) || smallestDimension < 0 || weightDimension < 0) {
      throw new IllegalArgumentException(
          kind + ": flops, bytes and dimension must be >= 0: " + flops + ", " + bytes + ", "
              + smallestDimension);
    }
  }

  /** A GEMM of m x k by k x n, {@code batch} times, in {@code precision}. */
  public static Kernel matmul(double batch, long m, long n, long k, Precision precision) {
    double elements = (double) m * k + (double) k * n + (double) m * n;
    return new Kernel(
        Kind.MATMUL,
        2.0 * batch * m * n * k,
        batch * elements * precision.bytes(),
        Math.min(m, Math.min(n, k)),
        precision,
        Math.min(n, k));
  }

  /** A memory-bound kernel moving {@code bytes}. */
  public static Kernel elementwise(double bytes) {
    return new Kernel(Kind.ELEMENTWISE, 0, bytes, 0, Precision.BF16);
  }
}
