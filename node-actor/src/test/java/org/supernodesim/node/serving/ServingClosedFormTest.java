package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;

/**
 * An ideal one-chip instance serving one request of fixed lengths at a time: TTFT and TPOT are
 * the closed forms of the roofline. Llama-3.1 8B in BF16 on one H20 (148 TFLOPS, 4.0 TB/s).
 */
class ServingClosedFormTest {
  static final long PROMPT = 1000;
  static final int OUTPUT = 101;
  static final long LOOKAHEAD_PICOS = 2_000_000; // chip -> switch -> chip, 1 us a hop

  /** Weights a step reads: every matmul weight but the input embedding, in BF16. */
  static double weightBytes() {
    TransformerSpec m = Deployments.llama8b();
    ParameterCounts p = m.parameterCounts();
    long norms = m.layers() * 2 * m.hiddenSize() + m.hiddenSize();
    return 2.0 * (p.totalParameters() - p.total().embedding() - norms);
  }

  private static final ComputeCostModel COSTS = new ComputeCostModel(Deployments.h20());

  /**
   * The achievable share of a rate, read off the cost model: 1 for the uncalibrated roofline (an
   * ideal chip), the calibration's efficiency once there is one.
   */
  static double efficiency(Kernel probe, double idealSeconds) {
    return idealSeconds / COSTS.seconds(probe);
  }

  static final double PEAK = Deployments.PEAK_FLOPS * efficiency(
      new Kernel(Kernel.Kind.MATMUL, 1e12, 0, 4096, Precision.BF16), 1e12 / 1.48e14);
  static final double BANDWIDTH =
      Deployments.HBM_BYTES_PER_SECOND * efficiency(Kernel.elementwise(1e9), 1e9 / 4.0e12);

  /**
   * Bytes the non-GEMM kernels read and write for one token in BF16: per layer two fused
   * add-RMSNorms (4 x 4096 x 2 each), rotary on 32 query and 8 key heads of 128 (read and
   * write), SiLU-and-mul over 14,336 (read gate and up, write the product); the embedding gather
   * and the final norm (6 x 4096 x 2): 32 x 172,032 + 49,152 (StepCostModelTest derives it too).
   */
  static final double NON_GEMM_PER_TOKEN = 32 * (2 * 4 * 4096 * 2 + 2 * 40 * 128 * 2
      + 3 * 14_336 * 2) + 6 * 4096 * 2;

  /** KV bytes of one token: 32 layers x K and V x 8 heads x 128 x 2 bytes. */
  static final double KV_PER_TOKEN = 32 * 2 * 8 * 128 * 2.0;

  /**
   * Prefill of T tokens: compute-bound projections, attention and FFN, 2 x matmul weights x T
   * plus 4 x 32 heads x 128 per attended key over T(T+1)/2 keys per layer, at the peak; then the
   * output head for one token, memory-bound (its weights over HBM bandwidth), and the non-GEMM
   * kernels of the T tokens over HBM bandwidth.
   */
  static double prefillSeconds(long t) {
    TransformerSpec m = Deployments.llama8b();
    long h = m.hiddenSize();
    double matmul = m.layers() * (m.attention().projectionWeights(h)
        + m.ffnOfLayer(0).activeMatmulWeights(h));
    double attention = m.layers() * 4.0 * 32 * 128 * (t * (t + 1) / 2.0);
    double head = 128_256.0 * h * 2;
    return (2 * matmul * t + attention) / PEAK + (head + t * NON_GEMM_PER_TOKEN) / BANDWIDTH;
  }

  /**
   * Decode steps k = 1..m, each memory-bound: the weights, plus the KV of the prompt and the k
   * tokens so far read and one token's KV written, (P + k + 1) tokens, and one token's non-GEMM
   * kernels N; the mean over k is (W + (P + 1 + (m + 1) / 2) x KV + N) / B.
   */
  static double tpotSeconds(long prompt, int output) {
    int m = output - 1;
    double meanTokens = prompt + 1 + (m + 1) / 2.0;
    return (weightBytes() + meanTokens * KV_PER_TOKEN + NON_GEMM_PER_TOKEN) / BANDWIDTH;
  }

  @Test
  void ttftAndTpotOfALoneRequestAreTheirClosedForms() {
    // Given two requests far enough apart (100 s) that each is alone on the instance.
    RequestTrace trace = new RequestTrace("two", List.of(
        Request.of(0, 0, (int) PROMPT, OUTPUT),
        Request.of(1, 100_000_000_000_000L, (int) PROMPT, OUTPUT)), 0, 0);

    ServingResult r = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 1_000_000)), Deployments.limits(false),
        RoutingPolicy.ROUND_ROBIN));

    // Then TTFT = dispatch (the lookahead) + prefill, and TPOT = the mean decode step; both are
    // the same for the two requests. Rounding: 1 ps per roofline part (226 per step), and the
    // histogram's 0.1 % buckets, which the max (exact) avoids.
    double ttft = LOOKAHEAD_PICOS / 1e12 + prefillSeconds(PROMPT);
    double tpot = tpotSeconds(PROMPT, OUTPUT);
    assertEquals(ttft, r.ttftSeconds().max(), 3e-10, "TTFT = L + prefill (exact max)");
    assertEquals(ttft, r.ttftSeconds().p50(), 1e-3 * ttft, "p50 within the 0.1 % bucket");
    assertEquals(tpot, r.tpotSeconds().max(), 3e-10, "TPOT = mean memory-bound decode step");
    assertEquals(ttft + (OUTPUT - 1) * tpot, r.e2eSeconds().max(), 1e-8, "e2e = TTFT + m TPOT");
    assertEquals(2, r.requestsCompleted());
    // Of the chip's kernel time (a prefill of P tokens and m decode steps a request), the
    // non-GEMM kernels take (P + m) x N / B.
    double nonGemm = (PROMPT + OUTPUT - 1) * NON_GEMM_PER_TOKEN / BANDWIDTH;
    double kernels = prefillSeconds(PROMPT) + (OUTPUT - 1) * tpot;
    assertEquals(nonGemm / kernels, r.instances().get(0).nonGemmKernelFraction(), 1e-6,
        "result.json: the non-GEMM kernels' share of the instance's kernel time");
  }

  @Test
  void disaggregatedDecodeWaitsForTheKvTransferOverTheFabric() {
    // Given one prefill and one decode instance, one chip each, behind the 450 GB/s switch.
    RequestTrace trace = new RequestTrace("one", List.of(
        Request.of(0, 0, (int) PROMPT, OUTPUT)), 0, 0);

    ServingResult r = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.PREFILL, 1, 1_000_000),
            Deployments.group(Role.DECODE, 1, 1_000_000)),
        Deployments.limits(false), RoutingPolicy.LEAST_LOADED));

    // Then TTFT is the prefill's; the decode starts after the prompt's KV (1,000 x 131,072 B)
    // crosses two hops at 450 GB/s: 2 us + 291.3 us; e2e = TTFT + transfer + m x TPOT.
    double ttft = LOOKAHEAD_PICOS / 1e12 + prefillSeconds(PROMPT);
    double transfer = 2e-6 + PROMPT * KV_PER_TOKEN / 4.5e11;
    double tpot = tpotSeconds(PROMPT, OUTPUT);
    assertEquals(ttft, r.ttftSeconds().max(), 3e-10, "TTFT from the prefill instance");
    assertEquals(ttft + transfer + (OUTPUT - 1) * tpot, r.e2eSeconds().max(), 1e-8,
        "e2e includes the KV transfer");
    assertEquals(transfer / (OUTPUT - 1) + tpot, r.tpotSeconds().max(), 3e-10,
        "TPOT counts the transfer gap before the second token");
  }
}
