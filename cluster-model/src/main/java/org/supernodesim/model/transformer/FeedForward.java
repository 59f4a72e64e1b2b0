package org.supernodesim.model.transformer;

/**
 * The FFN block of one layer: a dense MLP or a mixture of experts. Counts are per layer and, for
 * the active ones, per token.
 */
public sealed interface FeedForward permits DenseFfn, MoeFfn {

  /** Every parameter of the block. */
  long parameters(long hiddenSize);

  /** Parameters one token uses (a MoE token reaches only its top-k routed experts). */
  long activeParameters(long hiddenSize);

  /** Weight-matrix elements one token multiplies by; forward matmul FLOPs are twice this. */
  long activeMatmulWeights(long hiddenSize);
}
