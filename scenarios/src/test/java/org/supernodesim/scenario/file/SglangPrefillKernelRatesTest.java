package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.StepCost;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.TwoBatchPipeline;

/**
 * Is the prefill rows' gap (README "Validation: SGLang DeepSeek-V3 on H100": the rows simulate
 * 1.70-1.80x the published tokens/s) a matter of kernel efficiency, i.e. is real prefill compute
 * 1.6-2x what the H100 calibration charges? Each kernel of one sparse layer and micro-batch
 * (8,192 tokens a GPU, half of the rows' 16,384) is priced again at the rates published for its
 * shape, and the layer's time compared with the model's:
 *
 * <ul>
 *   <li>FP8 GEMMs: DeepGEMM's README (github.com/deepseek-ai/DeepGEMM, first release, Feb 2025,
 *       H800 with NVCC 12.8, "all shapes potentially used in DeepSeek-V3/R1 inference ... without
 *       tensor parallelism"): normal GEMMs at M = 4096 and grouped GEMMs in the contiguous layout
 *       (prefill's), 4 groups of 8,192 rows. The H800 has the H100 SXM's 132 SMs and its
 *       1,979 TFLOPS dense FP8 peak (catalog); only NVLink and FP64 are cut.
 *   <li>Attention: FlashAttention-3 (Shah et al., arXiv 2407.08608, forward, head dim 128,
 *       H100 SXM5, BF16, no causal mask): 565 / 625 / 638 TFLOPS at 1k / 2k / 4k. An upper bound
 *       on the rate: the causal mask and MLA's 192/128 query-key/value widths only lower it.
 * </ul>
 *
 * Both are priced on the SMs the model gives them (GEMMs on 112 of 132 beside DeepEP's normal
 * kernels, attention on all). The answer is no: at the published rates a layer costs 1.07-1.12x
 * what the model charges (its GEMMs 1.13x, its attention kernel 0.85-0.97x), where the hypothesis
 * needs the published step over the model's compute, 1.61-1.64x (1.96-2.07x before the model
 * charged the non-GEMM kernels, 0.29-0.34 s of a step's compute; having no published rate, they
 * are left out of both columns of the layer here).
 */
class SglangPrefillKernelRatesTest {
  static final double TERA = 1e12;
  static final double H = 7168;
  /** SMs left to DeepGEMM beside DeepEP's 20 (the scenario's communicationSms). */
  static final double GEMM_SHARE = 112.0 / 132;

  /** One GEMM of a layer: its FLOPs per token and the rate published for its shape. */
  record Gemm(String name, double flopsPerToken, double teraFlopsPerSecond) {}

  /** DeepSeek-V3's GEMMs as SGLang runs them at DP attention (tp 1), with DeepGEMM's rates. */
  static final List<Gemm> ATTENTION_INPUT = List.of(
      // q_a (7168 x 1536) and kv_a (7168 x 576) fused: M 4096, N 2112, K 7168.
      new Gemm("q_a+kv_a", 2 * H * 2112, 1058),
      new Gemm("q_b", 2 * 1536.0 * 128 * 192, 990), // N 24576, K 1536
      new Gemm("kv_b", 2 * 512.0 * 128 * 256, 590)); // N 32768, K 512
  static final Gemm OUTPUT = new Gemm("o_proj", 2 * 128.0 * 128 * H, 1358); // N 7168, K 16384
  static final List<Gemm> SHARED = List.of(
      new Gemm("shared gate+up", 2 * H * 4096, 1304), // N 4096, K 7168
      new Gemm("shared down", 2 * 2048 * H, 1025)); // N 7168, K 2048
  /** Per routed copy of a token (8 a token), grouped contiguous, 4 groups x 8192. */
  static final List<Gemm> EXPERTS = List.of(
      new Gemm("experts gate+up", 2 * H * 4096, 1297),
      new Gemm("experts down", 2 * 2048 * H, 1099));

  /**
   * The router gate (7168 x 256) runs with the shared experts (3 x 2048 x 7168); no rate is
   * published for it, so it is taken at theirs.
   */
  static final double ROUTER_WITH_SHARED = 1 + 256.0 / (3 * 2048);

  /** MLA's prefill form: 2 n (d_nope + d_rope) + 2 n d_v FLOPs a query-key pair. */
  static final double ATTENTION_FLOPS_PER_KEY = 2 * 128 * 192 + 2 * 128 * 128;

  static double picos(List<Gemm> gemms, double tokens) {
    double s = 0;
    for (Gemm g : gemms) {
      s += g.flopsPerToken() * tokens / (g.teraFlopsPerSecond() * TERA * GEMM_SHARE);
    }
    return s * 1e12;
  }

  /** The model's layer against the published rates, for prompts of {@code input} tokens. */
  record Layer(int input, double modelPicos, double publishedRatePicos, double stepRatio,
      double attentionModelPicos, double attentionPublishedPicos) {
    double ratio() {
      return publishedRatePicos / modelPicos;
    }

    /** The GEMMs alone: DeepGEMM's rates over the calibration's. */
    double gemmRatio() {
      return (publishedRatePicos - attentionPublishedPicos) / (modelPicos - attentionModelPicos);
    }
  }

  static Layer layer(int input, double fa3TeraFlops, double publishedTokensPerNode) {
    StepCostModel costs = SglangDeepSeekValidationTest.instance(0);
    int gpus = costs.layout().chips();
    long prompts = 16384L / input * gpus;
    long tokens = prompts * input;
    StepCost step = costs.step(
        new Batch(tokens, prompts * ((long) input * (input + 1) / 2), tokens, prompts));
    TwoBatchPipeline staged = step.pipeline().orElseThrow().pipeline();
    // The stages less their non-GEMM kernels (norms, rotary, quantisation, SiLU, permutes), which
    // have no published rate to compare: the GEMMs and attention alone.
    TwoBatchPipeline n = costs.nonGemmStages(tokens / 2.0, false);
    TwoBatchPipeline p = new TwoBatchPipeline(false, staged.layers(),
        staged.attentionInput() - n.attentionInput(), staged.attentionCore() - n.attentionCore(),
        staged.shared() - n.shared(), staged.experts() - n.experts());
    double micro = 16384 / 2.0; // tokens a GPU and micro-batch
    double keys = micro * (input + 1) / 2.0; // causal: a prompt's token i attends to i keys
    double attentionFlops = keys * ATTENTION_FLOPS_PER_KEY;
    double attentionPublished = attentionFlops / (fa3TeraFlops * TERA) * 1e12;
    // The model's attention core is its output projection (on the GEMMs' SMs) and the kernel.
    double outputModel = p.attentionInput() * OUTPUT.flopsPerToken()
        / ATTENTION_INPUT.stream().mapToDouble(Gemm::flopsPerToken).sum();
    double attentionModel = p.attentionCore() - outputModel;
    double model = p.attentionInput() + p.attentionCore() + p.shared() + p.experts();
    double published = picos(ATTENTION_INPUT, micro) + picos(List.of(OUTPUT), micro)
        + attentionPublished + picos(SHARED, micro) * ROUTER_WITH_SHARED
        + picos(EXPERTS, micro * 8);
    double publishedStep = 16384.0 * 8 / publishedTokensPerNode;
    return new Layer(input, model, published, publishedStep / (step.computePicos() / 1e12),
        attentionModel, attentionPublished);
  }


  @Test
  void prefillLayersAtPublishedKernelRatesCostAboutATenthMoreNotTwice() {
    List<Layer> layers = List.of(layer(1024, 565, 57674), layer(2048, 625, 54543),
        layer(4096, 638, 50302));
    List<String> report = new ArrayList<>();
    for (Layer l : layers) {
      report.add(String.format(
          "prefill-%dk: layer and micro-batch, model %.2f ms, at published rates %.2f ms"
              + " (x%.3f; GEMMs x%.3f, attention %.2f -> %.2f ms); published step / model"
              + " compute x%.2f",
          l.input() / 1024, l.modelPicos() / 1e9, l.publishedRatePicos() / 1e9, l.ratio(),
          l.gemmRatio(), l.attentionModelPicos() / 1e9, l.attentionPublishedPicos() / 1e9,
          l.stepRatio()));
    }
    String figures = String.join("\n", report);
    double[] pinned = {1.122, 1.099, 1.069};
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      // What the hypothesis needs: real compute about the published step, 1.6x the model's
      // (were the all-to-all hidden, the step would be the compute).
      assertEquals(1.63, l.stepRatio(), 0.05 * 1.63, figures);
      // What the published kernel rates give: the GEMMs 13 % slower than the calibration, the
      // attention kernel no slower; the layer 7-12 %, pinned to 3 %.
      assertEquals(1.135, l.gemmRatio(), 0.03 * 1.135, figures);
      assertTrue(l.attentionPublishedPicos() <= l.attentionModelPicos(), figures);
      assertEquals(pinned[i], l.ratio(), 0.03 * pinned[i], figures);
      // The published rates explain under a quarter of the gap (0.07-0.12 of the 0.61-0.64 the
      // hypothesis needs).
      assertTrue(l.ratio() - 1 < 0.25 * (l.stepRatio() - 1), figures);
    }
  }
}
