package org.supernodesim.model.transformer;

/**
 * How positions enter the model. Only learned tables carry parameters; RoPE rotates q and k and
 * costs elementwise work that parameter and matmul counts ignore.
 */
public sealed interface PositionEncoding permits PositionEncoding.Rope, PositionEncoding.Learned {

  /** Parameters of the position table for a model of width {@code hiddenSize}. */
  long parameters(long hiddenSize);

  /**
   * Rotary position embedding (Su et al. 2021).
   *
   * @param theta the RoPE base (10,000 in the original; 500,000 in Llama 3.1)
   */
  record Rope(double theta) implements PositionEncoding {
    public Rope {
      if (!(theta > 0)) {
        throw new IllegalArgumentException("RoPE theta must be positive, got " + theta);
      }
    }

    @Override
    public long parameters(long hiddenSize) {
      return 0;
    }
  }

  /**
   * A learned table of {@code maxPositions × h} added to the token embedding (GPT-2/GPT-3,
   * Megatron: the {@code s·h} term of Megatron-LM SC'21 eq. 2).
   *
   * @param maxPositions rows of the table, in tokens
   */
  record Learned(long maxPositions) implements PositionEncoding {
    public Learned {
      if (maxPositions <= 0) {
        throw new IllegalArgumentException(
            "a learned position table needs rows, got " + maxPositions);
      }
    }

    @Override
    public long parameters(long hiddenSize) {
      return maxPositions * hiddenSize;
    }
  }
}
