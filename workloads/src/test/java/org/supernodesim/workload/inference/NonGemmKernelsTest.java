package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * The bytes of a layer's non-GEMM kernels, per token, in closed form from the kernels of SGLang's
 * {@code deepseek_v2.py} and {@code llama.py} (see {@link NonGemmKernels}). FP8 activations
 * quantised per group of 128 (an FP32 scale each) take 1 + 4/128 = 1.03125 bytes an element; a
 * quantisation pass reads BF16 and writes that: 3.03125 bytes an element.
 */
class NonGemmKernelsTest {
  private static final TransformerSpec V3 = Shapes.deepseekV3();

  private static ServingOptions options(EpAllToAll allToAll) {
    return new ServingOptions(Overlap.TWO_BATCH, Speculation.none(), ExpertPlacement.uniform(),
        Precision.FP8, Precision.BF16, allToAll);
  }

  /** Each stage's bytes and their total, exact but for rounding. */
  private static void assertBytes(NonGemmKernels.LayerBytes b, double attentionInput,
      double attentionOutput, double shared, double experts, double total) {
    assertEquals(attentionInput, b.attentionInput(), 1e-6, "before attention");
    assertEquals(attentionOutput, b.attentionOutput(), 1e-6, "after attention");
    assertEquals(shared, b.shared(), 1e-6, "shared experts or dense MLP");
    assertEquals(experts, b.experts(), 1e-6, "routed experts");
    assertEquals(total, b.total(), 1e-6, "the layer");
  }

  private static FeedForward sparse() {
    return V3.ffnOfLayer(V3.layers() - 1);
  }

  /**
   * DeepSeek-V3, FP8, DP attention (tp 1), one token and its 8 expert assignments, decode's
   * low-latency kernels (the dispatch casts to FP8, SiLU-and-mul writes FP8 for the down GEMM,
   * the combine reduces): before attention the fused add-RMSNorm (4 x 7168 x 2 = 57,344), the
   * quantisation of q_a/kv_a's input (7168 x 3.03125 = 21,728), the q and kv latent norms (2 x
   * (1536 + 512) x 2 = 8,192), rotary on 128 query heads and the one shared key of 64 (2 x 129 x
   * 64 x 2 = 33,024), q_b's input quantised (1536 x 3.03125 = 4,656): 124,944. After it o_proj's
   * input quantised (128 x 128 x 3.03125 = 49,664), the second norm (57,344), top-k over 256 BF16
   * logits writing 8 ids and weights (576): 107,584. The shared expert: SiLU-and-mul (2 x 2048 x
   * 2 read, 2048 x 2 written: 12,288), down's input quantised (6,208), its own input quantised
   * (21,728): 40,224. Each assignment: SiLU-and-mul with the quantisation fused (8,192 read,
   * 2048 x 1.03125 written): 10,304.
   */
  @Test
  void deepSeekV3DecodeUnderTheLowLatencyKernels() {
    NonGemmKernels k = new NonGemmKernels(V3, new InstanceLayout(1, 1, 72, 72), Precision.FP8,
        options(EpAllToAll.DIRECT));
    NonGemmKernels.LayerBytes b = k.layer(sparse(), 1, 8, 1);
    assertBytes(b, 124_944, 107_584, 40_224, 8 * 10_304, 355_184);
  }

  /**
   * The same layer in prefill under DeepEP's normal kernels: the routed experts' input quantised
   * before the dispatch (21,728 more after attention), SiLU-and-mul and the down GEMM's
   * quantisation apart (18,496 an assignment), ep_scatter reading and writing an FP8 row (2 x
   * 7168 x 1.03125 = 14,784) and ep_gather reading a BF16 row and writing it to its token (2 x
   * 7168 x 2 = 28,672): 61,952 an assignment, 790,096 a token and layer.
   */
  @Test
  void deepSeekV3PrefillUnderTheNormalKernels() {
    NonGemmKernels k = new NonGemmKernels(V3, new InstanceLayout(1, 1, 32, 32), Precision.FP8,
        options(EpAllToAll.DEEPEP_NORMAL));
    NonGemmKernels.LayerBytes b = k.layer(sparse(), 1, 8, 1);
    assertBytes(b, 124_944, 107_584 + 21_728, 40_224, 8 * 61_952, 790_096);
  }

  /**
   * Llama-3.1 8B (GQA 32/8 heads of 128, FFN 14,336) in FP8 over tp 2: the norms whole on each
   * rank (2 x 32,768), q_kv's input quantised whole (4096 x 3.03125 = 12,416), rotary on 16 query
   * and 4 key heads (2 x 20 x 128 x 2 = 10,240), o_proj's input quantised (16 x 128 x 3.03125 =
   * 6,208); the MLP's input quantised (12,416), SiLU-and-mul on 7,168 (43,008) and down's input
   * quantised (21,728): 171,552 a token.
   */
  @Test
  void denseGqaUnderTensorParallelism() {
    TransformerSpec llama = Shapes.llama8b();
    NonGemmKernels k = new NonGemmKernels(llama, new InstanceLayout(2, 1, 1, 1), Precision.FP8,
        ServingOptions.plain());
    NonGemmKernels.LayerBytes b = k.layer(llama.ffnOfLayer(0), 1, 0, 0);
    assertBytes(b, 32_768 + 12_416 + 10_240, 32_768 + 6_208, 12_416 + 43_008 + 21_728, 0, 171_552);
  }

  /**
   * The kernels those passes run in, one each (a calibration's per-kernel latency is charged per
   * kernel). DeepSeek-V3 in FP8, decode under the low-latency kernels: before attention the
   * norm, its quantisation, the latent norms, rotary and q_b's quantisation (5); after it o_proj's
   * quantisation, the norm and top-k (3); the shared expert's SiLU-and-mul, its down and its input
   * quantisations (3); the routed experts' SiLU-and-mul with its quantisation fused (1). Prefill
   * under the normal kernels adds the routed input's quantisation after attention and, per
   * expert, the down quantisation, ep_scatter and ep_gather (4 after 4). Llama in BF16: norm and
   * rotary, the norm, SiLU-and-mul.
   */
  @Test
  void oneKernelPerPass() {
    NonGemmKernels decode = new NonGemmKernels(V3, new InstanceLayout(1, 1, 72, 72),
        Precision.FP8, options(EpAllToAll.DIRECT));
    assertEquals(new NonGemmKernels.LayerKernels(5, 3, 3, 1), decode.kernels(sparse()));
    NonGemmKernels prefill = new NonGemmKernels(V3, new InstanceLayout(1, 1, 32, 32),
        Precision.FP8, options(EpAllToAll.DEEPEP_NORMAL));
    assertEquals(new NonGemmKernels.LayerKernels(5, 4, 3, 4), prefill.kernels(sparse()));
    TransformerSpec llama = Shapes.llama8b();
    NonGemmKernels bf16 = new NonGemmKernels(llama, new InstanceLayout(2, 1, 1, 1),
        Precision.BF16, ServingOptions.plain());
    assertEquals(new NonGemmKernels.LayerKernels(2, 1, 1, 0), bf16.kernels(llama.ffnOfLayer(0)));
  }
}
