package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.catalog.Catalog;
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
 * 0.80, which are the H800's too (same HBM in the catalog, same calibrated fraction). It is 8.8
 * us, about a fifth of the measured 42: each of these kernels moves 0.04-5 MB at 64 tokens, under
 * 2 us of HBM time, yet takes 2-8 us, so at decode's batch they are bound by launch and
 * synchronisation latency, which the model leaves out (README "What is modelled"). The ratio is
 * asserted outside a 25 % band and pinned to 3 %; prefill's kernels, 8,192 tokens a micro-batch,
 * move 100-1000 times the bytes, where the HBM term dominates.
 */
class DeepSeekDecodeProfileNonGemmTest {
  /** The kernels of the zdszero table's "h800 ds prof" column listed above, microseconds. */
  static final double PUBLISHED_MICROS = 4 + 2 + 2 + 7 + 5 + 3 + 8 + 8 + 3;

  @Test
  void decodeNonGemmKernelsPerLayerAndMicroBatchAgainstDeepSeeksProfile() {
    Catalog catalog = Catalog.standard();
    assertEquals(catalog.chip("nvidia-h800-sxm").require(ChipFigure.HBM_BANDWIDTH),
        catalog.chip("nvidia-h100-sxm").require(ChipFigure.HBM_BANDWIDTH));
    assertEquals(Calibrations.of("nvidia-h800-sxm").orElseThrow().memory().bandwidthFraction(),
        Calibrations.of("nvidia-h100-sxm").orElseThrow().memory().bandwidthFraction());

    StepCostModel decode = SglangDeepSeekValidationTest.instance(1);
    int gpus = decode.layout().chips();
    StepCost step = decode.step(Batch.decode(128 * gpus, 4096));
    // One sparse layer and micro-batch: the non-GEMM part of each of SGLang's decode stages.
    TwoBatchPipeline sparse = decode.nonGemmStages(64.0 * gpus, true);
    double sparseMicros = sparse.computePicos() / 2.0 / sparse.layers() / 1e6;
    // Over the whole step (3 dense layers, the embedding and the final norm besides).
    double meanMicros = step.nonGemmPicos() / 1e6 / (61 * 2);
    String figures = String.format("model %.2f us a sparse layer and micro-batch (%.2f over the"
        + " step's 61 layers); published %.0f us", sparseMicros, meanMicros, PUBLISHED_MICROS);

    assertEquals(8.73, sparseMicros, 0.03 * 8.73, figures);
    assertEquals(8.83, meanMicros, 0.03 * 8.83, figures);
    double ratio = PUBLISHED_MICROS / sparseMicros;
    assertTrue(ratio > 1.25, "the model now within 25 % of the profile: " + figures);
    assertEquals(4.81, ratio, 0.03 * 4.81, figures);
  }
}
