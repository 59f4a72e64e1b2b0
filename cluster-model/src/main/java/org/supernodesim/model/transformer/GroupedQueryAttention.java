package org.supernodesim.model.transformer;

/**
 * Multi-head attention with {@code kvHeads} key/value heads shared by groups of query heads
 * (Ainslie et al. 2023, GQA). {@code kvHeads == heads} is plain multi-head attention (GPT-3,
 * Megatron), {@code kvHeads == 1} multi-query attention. Query width {@code heads·headDim} need not
 * equal the model width (Qwen3: 64 × 128 = 8192 on h = 5120).
 *
 * @param heads query heads n_q
 * @param kvHeads key/value heads n_kv, dividing {@code heads}
 * @param headDim head dimension d of queries, keys and values
 * @param qkvBias biases on the q, k and v projections (GPT-3, Megatron, Qwen2.5)
 * @param outBias bias on the output projection (GPT-3, Megatron)
 * @param qkNorm a per-head RMSNorm on q and on k, 2·d gains per layer (Qwen3)
 */
public record GroupedQueryAttention(
    int heads, int kvHeads, int headDim, boolean qkvBias, boolean outBias, boolean qkNorm)
    implements Attention {
  public GroupedQueryAttention {
    if (heads <= 0 || kvHeads <= 0 || headDim <= 0) {
      throw new IllegalArgumentException(
          "attention needs positive heads, kvHeads and headDim, got "
              + heads + ", " + kvHeads + ", " + headDim);
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "query heads " + heads + " must be a multiple of KV heads " + kvHeads
              + " (each KV head serves an equal group of query heads)");
    }
  }

  /** Plain multi-head attention: one K and V head per query head. */
  public static GroupedQueryAttention multiHead(
      int heads, int headDim, boolean qkvBias, boolean outBias) {
    return new GroupedQueryAttention(heads, heads, headDim, qkvBias, outBias, false);
  }

  /** True for MHA ({@code kvHeads == heads}). */
  public boolean isMultiHead() {
    return kvHeads == heads;
  }

  /** Query heads per KV head. */
  public int groupSize() {
    return heads / kvHeads;
  }

  /** {@code h·n_q·d} (q) + {@code 2·h·n_kv·d} (k, v) + {@code n_q·d·h} (output). */
  @Override
  public long projectionWeights(long hiddenSize) {
    long queryWidth = (long) heads * headDim;
    long kvWidth = (long) kvHeads * headDim;
    return hiddenSize * queryWidth + 2 * hiddenSize * kvWidth + queryWidth * hiddenSize;
  }

  @Override
  public long parameters(long hiddenSize) {
    long params = projectionWeights(hiddenSize);
    if (qkvBias) {
      params += (long) heads * headDim + 2L * kvHeads * headDim;
    }
    if (outBias) {
      params += hiddenSize;
    }
    if (qkNorm) {
      params += 2L * headDim; // one gain vector for q, one for k, shared by all heads
    }
    return params;
  }

  @Override
  public long scoreAndContextFlopsPerAttendedToken() {
    return 2L * heads * headDim + 2L * heads * headDim;
  }

  /** K and V of every KV head: {@code 2·n_kv·d}. */
  @Override
  public long kvCacheElementsPerToken() {
    return 2L * kvHeads * headDim;
  }
}
