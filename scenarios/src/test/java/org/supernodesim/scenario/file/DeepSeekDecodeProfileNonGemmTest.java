package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.StepCost;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.TwoBatchPipeline;

/**
 * The serving step's non-GEMM kernels against the one published per-kernel measurement at hand:
 * DeepSeek's decode profile (github.com/deepseek-ai/profile-data, decode.json: EP128, TP1, 4K
 * prompts, 128 requests a GPU in two micro-batches of 64, H800, balanced routing), as tabulated
 * per layer and micro-batch by zdszero.github.io ("D4 Profile",
 * Computer/Artificial_Intelligence/deepseek_profile.html, column "h800 ds prof", microseconds):
 * input_layernorm's fused add-RMSNorm 4, the q/kv latent norms ({@code rmsnorm_split_col}) 2,
 * q_b's input quantisation 2, rotary 7, o_proj's input quantisation 5, the gate's fused
 * add-RMSNorm 3, top-k 8, SiLU-and-mul 8, the shared expert's input quantisation 3: 42 us. (The
 * copy of the table at hand ends there; any later rows, the shared expert's own activation among
 * them, would only add to it.)
 *
 * <p>The model's figure for that setting is the DeepSeek-V3 decode instance of the SGLang
 * scenario at 128 requests a GPU and 4,096 of context: its HBM bytes at the H100's 3.35 TB/s x
 * 0.80, which are the H800's too (same HBM in the catalog, same calibrated fraction), plus the
 * calibration's per-kernel latency ({@code memory.kernelLatencyNanos}, 2 us: what the profile's
 * kernels of negligible bytes take) for each of its twelve kernels. The bytes alone gave 8.7 us,
 * a fifth of the measured 42; with the latency 32.7 us. The model runs three kernels the
 * table's nine do not list (q_a/kv_a's input quantisation, which DeepSeek's norm writes itself,
 * and the shared expert's SiLU-and-mul and down quantisation, in rows past the end of the copy
 * at hand); what is still missing is in rotary, top-k, SiLU-and-mul and o_proj's quantisation,
 * 5-8 us each where their bytes and one latency give 2-6 us (several small kernels each, or
 * below HBM speed). Asserted within 30 % and pinned to 3 %.
 */
class DeepSeekDecodeProfileNonGemmTest {
  /** The kernels of the zdszero table's "h800 ds prof" column listed above, microseconds. */
  static final double PUBLISHED_MICROS = 4 + 2 + 2 + 7 + 5 + 3 + 8 + 8 + 3;

  @Test
  void decodeNonGemmKernelsPerLayerAndMicroBatchAgainstDeepSeeksProfile() {
    assertTheProfilesH800StreamsAsTheH100();

    StepCostModel decode = SglangDeepSeekValidationTest.instance(1);
    int gpus = decode.layout().chips();
    StepCost step = decode.step(Batch.decode(128 * gpus, 4096));
    // One sparse layer and micro-batch: the non-GEMM part of each of SGLang's decode stages.
    TwoBatchPipeline.Stages sparse = decode.nonGemmStages(64.0 * gpus);
    double sparseMicros = sparse.total() / 1e6;
    // Over the whole step (3 dense layers, the embedding and the final norm besides).
    double meanMicros = step.nonGemmPicos() / 1e6 / (61 * 2);
    String figures = String.format("model %.2f us a sparse layer and micro-batch (%.2f over the"
        + " step's 61 layers); published %.0f us", sparseMicros, meanMicros, PUBLISHED_MICROS);

    assertEquals(32.73, sparseMicros, 0.03 * 32.73, figures);
    assertEquals(32.69, meanMicros, 0.03 * 32.69, figures);
    double ratio = PUBLISHED_MICROS / sparseMicros;
    assertEquals(1, ratio, 0.30, "within 30 % of the profile: " + figures);
    assertEquals(1.283, ratio, 0.03 * 1.283, figures);
  }

  /** The profile's H800 has the H100's HBM in the catalog and the same calibrated fraction. */
  static void assertTheProfilesH800StreamsAsTheH100() {
    Catalog catalog = Catalog.standard();
    assertEquals(catalog.chip("nvidia-h800-sxm").require(ChipFigure.HBM_BANDWIDTH),
        catalog.chip("nvidia-h100-sxm").require(ChipFigure.HBM_BANDWIDTH));
    assertEquals(Calibrations.of("nvidia-h800-sxm").orElseThrow().memory().bandwidthFraction(),
        Calibrations.of("nvidia-h100-sxm").orElseThrow().memory().bandwidthFraction());
  }

  /**
   * The calibration's per-kernel latency against the profile's kernels of negligible bytes: q_b's
   * input quantisation of 128 tokens (1,536 elements each, BF16 read, FP8 and a scale per 128
   * written: 0.6 MB) and the q/kv latent norms (2 x 2,048 elements read and written: 1.0 MB)
   * each take 2 us in the table (whole microseconds); the model's single kernels, latency plus
   * bytes at the calibrated HBM rate, within the table's half-microsecond rounding.
   */
  @Test
  void aKernelOfFewBytesTakesTheProfilesTwoMicroseconds() {
    ComputeCostModel h100 = new ComputeCostModel(Catalog.standard().chip("nvidia-h100-sxm"),
        Calibrations.of("nvidia-h100-sxm").orElseThrow());
    double quantisation = 128 * 1536 * (2 + 1 + 4 / 128.0);
    double latentNorms = 128 * 2 * 2048 * 2.0;
    assertEquals(2e-6, h100.memoryKernelsSeconds(quantisation, 1), 0.5e-6, "q_b's quantisation");
    assertEquals(2e-6, h100.memoryKernelsSeconds(latentNorms, 1), 0.5e-6, "latent norms");
    assertEquals(2e-6, h100.memoryKernelsSeconds(0, 1), 1e-12, "the latency alone");
  }
}
