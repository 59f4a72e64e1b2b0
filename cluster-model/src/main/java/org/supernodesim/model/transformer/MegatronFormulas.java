package org.supernodesim.model.transformer;

/**
 * Closed forms for GPT models from Megatron-LM (Narayanan et al., "Efficient Large-Scale Language
 * Model Training on GPU Clusters Using Megatron-LM", SC'21, arXiv 2104.04473, §5.1 and appendix)
 * and its sequel (Korthikanti et al., "Reducing Activation Recomputation in Large Transformer
 * Models", MLSys 2023, arXiv 2205.05198, §6.3 and App. A). Symbols as in the papers: B global
 * batch in sequences, s sequence length, l layers, h hidden size, V vocabulary.
 *
 * <p>All three assume the GPT shape: MHA with n·d = h, a 4h GELU MLP, a tied head. For other
 * shapes use {@link ForwardFlops}, which reduces to these for that shape.
 */
public final class MegatronFormulas {
  private MegatronFormulas() {}

  /**
   * Model FLOPs of one training iteration without recomputation: {@code 72·B·s·l·h²·(1 + s/(6h) +
   * V/(12·l·h))} = 3 × (forward {@code 24Bslh² + 4Bs²lh} per layer stack + logits {@code
   * 2BsVh}). This is the numerator of model FLOPs utilisation (Korthikanti et al. App. A, following
   * PaLM's MFU): it does not grow when a run recomputes activations, so it is the figure to report
   * TFLOP/s by when comparing runs.
   */
  public static double modelFlopsPerIteration(
      double batchSequences, double sequenceTokens, double layers, double hiddenSize,
      double vocabSize) {
    double s = sequenceTokens;
    double h = hiddenSize;
    return 72 * batchSequences * s * layers * h * h
        * (1 + s / (6 * h) + vocabSize / (12 * layers * h));
  }

  /**
   * FLOPs of one training iteration with full activation recomputation, SC'21 eq. 3: {@code
   * 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h))}. The transformer layers run forward twice (the extra
   * forward recomputes activations), the logit layer once; the paper's Table 1 TFLOP/s per GPU are
   * this divided by iteration time and GPU count.
   */
  public static double flopsPerIterationWithRecomputation(
      double batchSequences, double sequenceTokens, double layers, double hiddenSize,
      double vocabSize) {
    double s = sequenceTokens;
    double h = hiddenSize;
    return 96 * batchSequences * s * layers * h * h
        * (1 + s / (6 * h) + vocabSize / (16 * layers * h));
  }

  /**
   * Parameters, SC'21 eq. 2: {@code 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h))} = {@code 12lh² +
   * 13lh + (V + s)·h}: per layer 4h² attention + 8h² MLP weights, 13h of biases and LayerNorms;
   * token and position embeddings. It omits the final LayerNorm (2h), which {@link
   * ParameterCounts} includes.
   */
  public static long parametersEq2(long layers, long hiddenSize, long vocabSize, long positions) {
    return 12 * layers * hiddenSize * hiddenSize + 13 * layers * hiddenSize
        + (vocabSize + positions) * hiddenSize;
  }
}
