package org.supernodesim.workload.inference;

import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * The HBM bytes one chip's memory-bound (non-GEMM) kernels move in one layer of a serving step,
 * read and written, as the serving engines' model code runs them (SGLang
 * {@code srt/models/deepseek_v2.py} and {@code srt/models/llama.py}, vLLM
 * {@code model_executor/models/deepseek_v2.py} and {@code llama.py}); {@link StepCostModel}
 * prices them as {@link org.supernodesim.workload.graph.Kernel#elementwise} kernels, the kind
 * training's norms and activations are ({@code LayerPlan}), on the chip's calibrated HBM
 * bandwidth. Activations are BF16. Per token, on the tensors one chip holds:
 *
 * <ul>
 *   <li><b>norms with the residual add</b>: {@code input_layernorm} and {@code
 *       post_attention_layernorm} are fused add-RMSNorms (the residual add inside: read the
 *       hidden state and the residual, write both), 8h bytes each, on every TP rank;
 *   <li><b>MLA's latent norms</b> ({@code q_a_layernorm}, {@code kv_a_layernorm}): read and
 *       write the q and kv latents; a GQA model with q/k norms (Qwen3) normalises its heads;
 *   <li><b>rotary embedding</b> ({@code rotary_emb}): read and write the rotated part of the
 *       chip's query heads and of its key heads (MLA: the 64-wide decoupled key, one per token);
 *   <li><b>activation quantisation</b> where weights are 8- or 4-bit ({@code
 *       per_token_group_quant_fp8} before every FP8 linear, {@code
 *       layers/quantization/fp8_utils.py}): read the GEMM input in BF16, write its elements and
 *       scales (8-bit: one FP32 scale per group of 128, DeepSeek-V3 §3.3.2's 1x128 tiles);
 *   <li><b>SiLU-and-mul</b> (or GELU) between an MLP's up and down GEMMs: read gate and up, write
 *       their product;
 *   <li><b>router top-k</b> ({@code MoEGate}, grouped top-k): read the E logits, write k expert
 *       ids and weights (4 bytes each);
 *   <li><b>MoE permute and unpermute</b>, per token-expert assignment on the busiest EP rank: with
 *       DeepEP's normal kernels SGLang's {@code ep_scatter} copies the received FP8 tokens into
 *       each expert's contiguous rows and {@code ep_gather} reads each row's BF16 output back into
 *       its token; with ep 1 (fused MoE, rows gathered inside the GEMM) {@code moe_sum_reduce}
 *       reads the k outputs of a token and writes their sum. DeepEP's low-latency kernels (an
 *       instance's direct all-to-all with ep > 1 is taken to be them) dispatch into the experts'
 *       rows, cast to FP8 and reduce the combine inside the
 *       all-to-all, and SGLang fuses their SiLU-and-mul with the down GEMM's quantisation ({@code
 *       silu_and_mul_masked_post_quant_fwd}), so under them those kernels move less.
 * </ul>
 *
 * Outside the layers: the embedding gather and the final norm. Each pass is one kernel ({@link
 * #kernels}); where the chip's calibration measures a per-kernel latency (CUDA graphs replay the
 * kernels back to back, but each small kernel still takes microseconds whatever its bytes), each
 * kernel is charged it besides its bytes. Left out: the copies that assemble MLA's absorbed
 * query, and the KV cache write, which the attention kernel's bytes already carry.
 */
final class NonGemmKernels {
  /** BF16 activations. */
  private static final double ACTIVATION = StepCostModel.ACTIVATION_BYTES;
  /** An expert id and its routing weight, 4 bytes each. */
  private static final double ROUTE_BYTES = 8;
  /** Elements per quantisation group of 8-bit activations, one FP32 scale each. */
  private static final double QUANT_GROUP = 128;

  private final TransformerSpec model;
  private final InstanceLayout layout;
  private final Precision weights;
  private final ServingOptions options;

  NonGemmKernels(
      TransformerSpec model, InstanceLayout layout, Precision weights, ServingOptions options) {
    this.model = model;
    this.layout = layout;
    this.weights = weights;
    this.options = options;
  }

  /**
   * One layer's bytes on one chip, by where SGLang's two-batch overlap runs them ({@link
   * TwoBatchPipeline}).
   *
   * @param attentionInput before attention: the input norm, MLA's latent norms, rotary, the
   *     quantisation of the input projections' inputs
   * @param attentionOutput after it: the output projection's quantisation, the post-attention
   *     norm, the router's top-k and the routed experts' input quantisation
   * @param shared a dense FFN's, or a MoE layer's shared experts', activation and quantisation
   * @param experts the busiest EP rank's routed experts: activation, quantisation, permute and
   *     unpermute
   */
  record LayerBytes(
      double attentionInput, double attentionOutput, double shared, double experts) {
    double total() {
      return attentionInput + attentionOutput + shared + experts;
    }
  }

  /**
   * Bytes of one layer on one chip.
   *
   * @param ffn the layer's FFN
   * @param groupTokens tokens of the chip's DP attention group
   * @param assignments token-expert assignments on the busiest EP rank (MoE)
   * @param receivedTokens tokens the busiest rank's experts see, for ep 1's reduction
   */
  LayerBytes layer(FeedForward ffn, double groupTokens, double assignments,
      double receivedTokens) {
    long h = model.hiddenSize();
    double tp = layout.tp();
    double norm = 4.0 * h * ACTIVATION;
    double input = norm + quantisation(h);
    double output = norm;
    if (model.attention() instanceof MultiHeadLatentAttention m) {
      input += 2.0 * (m.qLoraRank() + m.kvLoraRank()) * ACTIVATION;
      input += 2.0 * (m.heads() / tp + 1) * m.qkRopeHeadDim() * ACTIVATION;
      input += quantisation(m.qLoraRank());
      output += quantisation(m.heads() / tp * m.vHeadDim());
    } else {
      GroupedQueryAttention g = (GroupedQueryAttention) model.attention();
      double heads = g.heads() / tp + g.kvHeads() / (double) Math.min(layout.tp(), g.kvHeads());
      double rotated = 2.0 * heads * g.headDim() * ACTIVATION;
      input += g.qkNorm() ? 2 * rotated : rotated;
      output += quantisation(g.heads() / tp * g.headDim());
    }
    double shared = 0;
    double experts = 0;
    if (ffn instanceof DenseFfn d) {
      shared = mlp(d.mlp().intermediateSize() / tp, d.mlp().activation().matrices(), false)
          + quantisation(h);
    } else {
      MoeFfn moe = (MoeFfn) ffn;
      output += moe.routedExperts() * ACTIVATION + moe.expertsPerToken() * ROUTE_BYTES;
      shared = moe.sharedMlp()
          .map(s -> mlp(s.intermediateSize() / tp, s.activation().matrices(), false)
              + quantisation(h))
          .orElse(0.0);
      boolean lowLatency = layout.ep() > 1 && options.allToAll() == EpAllToAll.DIRECT;
      double width = moe.routedExpert().intermediateSize()
          / (double) layout.expertTensorParallel();
      double perAssignment =
          mlp(width, moe.routedExpert().activation().matrices(), lowLatency && quantised());
      if (layout.ep() > 1 && options.allToAll() == EpAllToAll.DEEPEP_NORMAL) {
        // ep_scatter reads and writes a row in the dispatch's format, ep_gather reads a row's
        // BF16 output and writes it into its token (one row a token and rank holding its
        // experts; counted per assignment, which over-counts a token with two experts there).
        perAssignment += 2 * quantisedBytes(h) + 2.0 * h * ACTIVATION;
      } else if (layout.ep() == 1) {
        perAssignment += h * ACTIVATION;
        experts += receivedTokens * h * ACTIVATION;
      }
      experts += assignments * perAssignment;
      // The routed experts' input quantised before the dispatch or the fused MoE, beside the
      // gate; the low-latency dispatch casts inside the all-to-all.
      output += lowLatency ? 0 : quantisation(h);
    }
    return new LayerBytes(groupTokens * input, groupTokens * output, groupTokens * shared,
        experts);
  }

  /**
   * How many kernels each stage's bytes ({@link #layer}) run in, one per pass listed there: a
   * calibration's per-kernel latency is charged per kernel whatever its bytes. Under 8-bit
   * weights each quantisation pass is a kernel of its own ({@code per_token_group_quant_fp8}),
   * except where the low-latency kernels fuse it (the dispatch's cast, SiLU-and-mul's output).
   */
  record LayerKernels(int attentionInput, int attentionOutput, int shared, int experts) {
    int total() {
      return attentionInput + attentionOutput + shared + experts;
    }
  }

  /** The kernels of one layer of {@code ffn}'s kind on one chip. */
  LayerKernels kernels(FeedForward ffn) {
    int quant = quantised() ? 1 : 0;
    // The input norm and its quantisation; MLA: the two latents' norms (one kernel, DeepSeek's
    // profile runs them as one), rotary, q_b's input quantisation; GQA: rotary (and the q/k
    // norms).
    int input = 1 + quant;
    int output = 1 + quant;
    if (model.attention() instanceof MultiHeadLatentAttention) {
      input += 2 + quant;
    } else {
      input += ((GroupedQueryAttention) model.attention()).qkNorm() ? 2 : 1;
    }
    int shared = 0;
    int experts = 0;
    if (ffn instanceof DenseFfn) {
      shared = 1 + 2 * quant;
    } else {
      MoeFfn moe = (MoeFfn) ffn;
      boolean lowLatency = layout.ep() > 1 && options.allToAll() == EpAllToAll.DIRECT;
      // Top-k, and the routed experts' input quantised unless the dispatch casts.
      output += 1 + (lowLatency ? 0 : quant);
      shared = moe.sharedMlp().isPresent() ? 1 + 2 * quant : 0;
      experts = 1 + (lowLatency ? 0 : quant);
      if (layout.ep() > 1 && options.allToAll() == EpAllToAll.DEEPEP_NORMAL) {
        experts += 2;
      } else if (layout.ep() == 1) {
        experts += 1;
      }
    }
    return new LayerKernels(input, output, shared, experts);
  }

  /** The embedding gather and the final fused add-norm. */
  static final int OUTSIDE_LAYER_KERNELS = 2;

  /** The embedding gather and the final fused add-norm, per group token. */
  double outsideLayers(double groupTokens) {
    return groupTokens * (2.0 + 4.0) * model.hiddenSize() * ACTIVATION;
  }

  /**
   * An MLP's activation over {@code width} intermediate elements a row: read the gate and up
   * outputs, write the product; then the down GEMM's input quantisation, or with {@code fused}
   * the product written quantised in the same kernel.
   */
  private double mlp(double width, int matrices, boolean fused) {
    double read = (matrices - 1) * width * ACTIVATION;
    if (fused) {
      return read + quantisedBytes(width);
    }
    return read + width * ACTIVATION + quantisation(width);
  }

  private boolean quantised() {
    return weights.bytes() < ACTIVATION;
  }

  /** A quantisation pass: read {@code elements} in BF16, write the weights' format; none in 16. */
  private double quantisation(double elements) {
    return quantised() ? elements * ACTIVATION + quantisedBytes(elements) : 0;
  }

  /** Bytes of {@code elements} in the weights' format with their scales. */
  private double quantisedBytes(double elements) {
    if (!quantised()) {
      return elements * ACTIVATION;
    }
    return weights.bytes() == 1 ? elements * (1 + 4 / QUANT_GROUP) : elements * weights.bytes();
  }
}
