package org.supernodesim.model.transformer;

/** A dense FFN: every token goes through the one MLP. */
public record DenseFfn(Mlp mlp) implements FeedForward {
  public DenseFfn {
    if (mlp == null) {
      throw new IllegalArgumentException("a dense FFN needs its MLP");
    }
  }

  @Override
  public long parameters(long hiddenSize) {
    return mlp.parameters(hiddenSize);
  }

  @Override
  public long activeParameters(long hiddenSize) {
    return mlp.parameters(hiddenSize);
  }

  @Override
  public long activeMatmulWeights(long hiddenSize) {
    return mlp.weights(hiddenSize);
  }
}
