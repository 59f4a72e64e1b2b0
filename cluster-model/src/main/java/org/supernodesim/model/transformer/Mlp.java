package org.supernodesim.model.transformer;

/**
 * One feed-forward network h -> intermediateSize -> h: a dense layer's FFN, one routed expert, or
 * the fused shared-expert path of a MoE layer.
 *
 * @param intermediateSize width w of the hidden activation
 * @param activation GELU (2 matrices) or SwiGLU (3 matrices)
 * @param bias whether the projections have biases (GPT-3/Megatron: yes; all newer models: no)
 */
public record Mlp(long intermediateSize, Activation activation, boolean bias) {
  public Mlp {
    if (intermediateSize <= 0) {
      throw new IllegalArgumentException("an FFN needs a positive width, got " + intermediateSize);
    }
    if (activation == null) {
      throw new IllegalArgumentException("an FFN needs an activation");
    }
  }

  /** Weight-matrix elements {@code m·h·w}: what the matmuls read, and what FLOPs count. */
  public long weights(long hiddenSize) {
    return activation.matrices() * hiddenSize * intermediateSize;
  }

  /**
   * All parameters {@code m·h·w [+ (m−1)·w + h]}: every matrix into the hidden width has a
   * w-vector bias, the down projection an h-vector (catalog README, "Parameter count").
   */
  public long parameters(long hiddenSize) {
    long biases = bias ? (activation.matrices() - 1) * intermediateSize + hiddenSize : 0;
    return weights(hiddenSize) + biases;
  }
}
