package org.supernodesim.model.transformer;

/**
 * Forward-pass FLOPs of one token, by component: {@code 2 ×} the weight elements it multiplies by
 * (one multiply and one add each) plus attention's scores and weighted values, which grow with the
 * number of keys a query attends to. Embedding lookups, norms, biases, activations, softmax and
 * RoPE are elementwise and not counted, as in Megatron-LM SC'21 §5.1 and PaLM App. B.
 *
 * <p>{@code attendedTokens} is the number of keys per query. Megatron-LM (eq. 3) and PaLM count
 * the full sequence s for every query; with a causal mask computed exactly the mean is (s + 1)/2,
 * which flash-attention kernels realise by skipping masked blocks. The caller chooses.
 *
 * <p>A training step costs about 3× forward (backward computes gradients of both inputs and
 * weights), 4× with full activation recomputation; the MTP modules of DeepSeek-V3 run in training
 * only.
 *
 * @param attentionProjections q, k, v, output (MLA: down and up) projections of all layers
 * @param attentionScores QKᵀ and attention-weighted values of all layers
 * @param denseFfn dense-layer FFNs
 * @param routedExperts the top-k routed experts of every MoE layer
 * @param sharedExperts the shared path of every MoE layer
 * @param router MoE gates ({@code h × E} per MoE layer)
 * @param outputHead logits, {@code 2·V·h} (tied or not, the matmul runs)
 * @param mtp every MTP module: its block, its {@code 2h × h} projection and its pass through the
 *     shared output head
 */
public record ForwardFlops(
    double attentionProjections,
    double attentionScores,
    double denseFfn,
    double routedExperts,
    double sharedExperts,
    double router,
    double outputHead,
    double mtp) {

  /**
   * FLOPs for one token of {@code spec} whose queries attend to {@code attendedTokens} keys each.
   */
  public static ForwardFlops of(TransformerSpec spec, double attendedTokens) {
    if (!(attendedTokens >= 0)) {
      throw new IllegalArgumentException("attended tokens must be >= 0, got " + attendedTokens);
    }
    long h = spec.hiddenSize();
    Attention attention = spec.attention();
    double projectionsPerLayer = 2.0 * attention.projectionWeights(h);
    double scoresPerLayer = attendedTokens * attention.scoreAndContextFlopsPerAttendedToken();
    double denseFfn = 0;
    double routed = 0;
    double shared = 0;
    double router = 0;
    if (spec.ffn() instanceof FfnLayout.AllDense dense) {
      denseFfn = spec.layers() * 2.0 * dense.ffn().activeMatmulWeights(h);
    } else if (spec.ffn() instanceof FfnLayout.MoeAfterDense layout) {
      MoeFfn moe = layout.moe();
      double moeLayers = spec.moeLayers();
      denseFfn =
          layout.dense().map(d -> spec.denseLayers() * 2.0 * d.activeMatmulWeights(h)).orElse(0.0);
      routed = moeLayers * 2.0 * moe.expertsPerToken() * moe.routedExpert().weights(h);
      shared = moeLayers * 2.0 * moe.sharedMlp().map(m -> m.weights(h)).orElse(0L);
      router = moeLayers * 2.0 * moe.routedExperts() * h;
    }
    double head = 2.0 * spec.vocabSize() * h;
    double mtpPerModule =
        projectionsPerLayer
            + scoresPerLayer
            + 2.0 * spec.mtpFfn().activeMatmulWeights(h)
            + 2.0 * (2 * h) * h
            + head;
    return new ForwardFlops(
        spec.layers() * projectionsPerLayer,
        spec.layers() * scoresPerLayer,
        denseFfn,
        routed,
        shared,
        router,
        head,
        spec.mtpModules() * mtpPerModule);
  }

  /** The main model: everything but the MTP modules (what inference runs). */
  public double mainModel() {
    return attentionProjections + attentionScores + denseFfn + routedExperts + sharedExperts
        + router + outputHead;
  }

  /** The main model and its MTP modules (what a training forward pass runs). */
  public double withMtp() {
    return mainModel() + mtp;
  }

  /** The part that does not depend on sequence length: 2 × the matmul weights a token reads. */
  public double matmulOnly() {
    return mainModel() - attentionScores;
  }
}
