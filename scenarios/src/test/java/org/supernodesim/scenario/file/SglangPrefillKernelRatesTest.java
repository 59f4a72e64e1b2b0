package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.StepCost;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.TwoBatchPipeline;

/**
 * Does the model charge prefill's kernels the rates published for their shapes? Each kernel of
 * one sparse layer and micro-batch (8,192 tokens a GPU, half of the rows' 16,384) is priced
 * again at the published rate for its shape and compared with what the model charges:
 *
 * <ul>
 *   <li>FP8 GEMMs: DeepGEMM's README (github.com/deepseek-ai/DeepGEMM, first release, Feb 2025,
 *       H800 with NVCC 12.8, "all shapes potentially used in DeepSeek-V3/R1 inference ... without
 *       tensor parallelism"): normal GEMMs at M = 4096 and grouped GEMMs in the contiguous layout
 *       (prefill's), 4 groups of 8,192 rows. The H800 has the H100 SXM's 132 SMs and its
 *       1,979 TFLOPS dense FP8 peak (catalog); only NVLink and FP64 are cut. The H100
 *       calibration's FP8 curve is fitted to that table ({@code DeepGemmFp8CurveTest}), each
 *       GEMM read at its own weight's smaller side, so the model charges these rates within the
 *       fit's 5 % on compute-bound rows; the router gate (7168 x 256, no published row) in BF16,
 *       as SGLang runs it, at its own shape.
 *   <li>Attention: FlashAttention-3 (Shah et al., arXiv 2407.08608, forward, head dim 128,
 *       H100 SXM5, BF16, no causal mask): 565 / 625 / 638 TFLOPS at 1k / 2k / 4k. An upper bound
 *       on the rate: the causal mask and MLA's 192/128 query-key/value widths only lower it.
 * </ul>
 *
 * Both are priced on the SMs the model gives them (GEMMs on 112 of 132 beside DeepEP's normal
 * kernels, attention on all). Before the FP8 curve the model's one (BF16-measured) matmul curve
 * charged the GEMMs 13 % less than DeepGEMM's rates; now the layer costs what the published rates
 * give within 5 %, while the published step stays 1.47-1.48x the model's compute: the prefill
 * gap is not the kernels' rates. The non-GEMM kernels the model also charges (norms, rotary,
 * quantisation, SiLU, permutes: 0.29-0.34 s of a step's compute) have no published rate, so
 * both columns of the layer leave them out; the step ratio counts them in the model's compute.
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
   * published for it, so the published column takes it at theirs.
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

  /**
   * The model's parts of a sparse layer and micro-batch against the published rates, for prompts
   * of {@code input} tokens; each ratio is the published-rate time over the model's.
   */
  record Layer(int input, double input_, double output, double shared, double experts,
      double attentionModelPicos, double attentionPublishedPicos, double layer,
      double stepRatio) {}

  static Layer layer(int input, double fa3TeraFlops, double publishedTokensPerNode) {
    StepCostModel costs = SglangDeepSeekValidationTest.instance(0);
    int gpus = costs.layout().chips();
    long prompts = 16384L / input * gpus;
    long tokens = prompts * input;
    StepCost step = costs.step(
        new Batch(tokens, prompts * ((long) input * (input + 1) / 2), tokens, prompts));
    TwoBatchPipeline.Stages staged = step.pipeline().orElseThrow().pipeline().stages();
    // The stages less their non-GEMM kernels (norms, rotary, quantisation, SiLU, permutes), which
    // have no published rate to compare: the GEMMs and attention alone.
    TwoBatchPipeline.Stages n = costs.nonGemmStages(tokens / 2.0);
    TwoBatchPipeline.Stages p = new TwoBatchPipeline.Stages(
        staged.attentionInput() - n.attentionInput(), staged.attentionCore() - n.attentionCore(),
        staged.shared() - n.shared(), staged.experts() - n.experts());
    double micro = 16384 / 2.0; // tokens a GPU and micro-batch
    double keys = micro * (input + 1) / 2.0; // causal: a prompt's token i attends to i keys
    double attentionFlops = keys * ATTENTION_FLOPS_PER_KEY;
    double attentionPublished = attentionFlops / (fa3TeraFlops * TERA) * 1e12;
    // The model's attention kernel: fused attention at the calibration's fraction of the BF16
    // peak (its KV bytes are far below that time); the attention core's rest is o_proj.
    double bf16 = Catalog.standard().chip("nvidia-h100-sxm").require(ChipFigure.BF16_DENSE_FLOPS);
    double fraction = Calibrations.of("nvidia-h100-sxm").orElseThrow().fusedAttention()
        .peakFraction();
    double attentionModel = attentionFlops / (bf16 * fraction) * 1e12;
    double outputModel = p.attentionCore() - attentionModel;
    double published = picos(ATTENTION_INPUT, micro) + picos(List.of(OUTPUT), micro)
        + attentionPublished + picos(SHARED, micro) * ROUTER_WITH_SHARED
        + picos(EXPERTS, micro * 8);
    double model = p.attentionInput() + p.attentionCore() + p.shared() + p.experts();
    double publishedStep = 16384.0 * 8 / publishedTokensPerNode;
    return new Layer(input, picos(ATTENTION_INPUT, micro) / p.attentionInput(),
        picos(List.of(OUTPUT), micro) / outputModel,
        picos(SHARED, micro) * ROUTER_WITH_SHARED / p.shared(),
        picos(EXPERTS, micro * 8) / p.experts(), attentionModel, attentionPublished,
        published / model, publishedStep / (step.computePicos() / 1e12));
  }

  @Test
  void prefillGemmsAreChargedDeepGemmsPublishedRatesAndTheGapRemains() {
    List<Layer> layers = List.of(layer(1024, 565, 57674), layer(2048, 625, 54543),
        layer(4096, 638, 50302));
    List<String> report = new ArrayList<>();
    for (Layer l : layers) {
      report.add(String.format(
          "prefill-%dk, published-rate time over the model's: attention input x%.3f, o_proj"
              + " x%.3f, shared experts (router beside them) x%.3f, routed experts x%.3f,"
              + " attention %.2f -> %.2f ms, the layer x%.3f; published step / model compute"
              + " x%.2f",
          l.input() / 1024, l.input_(), l.output(), l.shared(), l.experts(),
          l.attentionModelPicos() / 1e9, l.attentionPublishedPicos() / 1e9, l.layer(),
          l.stepRatio()));
    }
    String figures = String.join("\n", report);
    double[] layer = {0.977, 0.966, 0.952};
    double[] step = {1.47, 1.48, 1.47};
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      // Each GEMM group at DeepGEMM's rates within the fit's 5 % on compute-bound rows.
      assertEquals(1, l.input_(), 0.05, figures);
      assertEquals(1, l.output(), 0.05, figures);
      assertEquals(1, l.experts(), 0.05, figures);
      // The shared part holds the router gate (4 % of its FLOPs), which the model prices as
      // SGLang runs it, a BF16 linear on the one matmul curve at its thin shape (N 256), and the
      // published column at the shared experts' FP8 rates: 6 % less.
      assertEquals(0.942, l.shared(), 0.03 * 0.942, figures);
      assertEquals(layer[i], l.layer(), 0.03 * layer[i], figures);
      // The published step over the model's compute: what kernel rates would have to explain.
      assertEquals(step[i], l.stepRatio(), 0.03 * step[i], figures);
    }
  }
}
