package org.supernodesim.model.transformer;

/**
 * The self-attention block of one layer (all layers of a model share it). Two variants: {@link
 * GroupedQueryAttention} (MHA, GQA, MQA: per-head K and V projections) and {@link
 * MultiHeadLatentAttention} (DeepSeek-V2/V3 MLA: low-rank compressed queries and a shared KV
 * latent).
 *
 * <p>Counts are per layer and per token; {@code hiddenSize} is the model width h.
 */
public sealed interface Attention permits GroupedQueryAttention, MultiHeadLatentAttention {

  /** Query heads. */
  int heads();

  /**
   * Weight-matrix elements of every projection (q, k, v, output; MLA: the down and up
   * projections): what the matmuls of one token read, so forward matmul FLOPs are twice this.
   */
  long projectionWeights(long hiddenSize);

  /** All parameters: {@link #projectionWeights} plus biases and norms inside the block. */
  long parameters(long hiddenSize);

  /**
   * Forward FLOPs of one query against one key: QKᵀ (2 per query/key channel per head) plus the
   * weighted sum of values (2 per value channel per head). Multiply by the keys a query attends
   * to; softmax and scaling are elementwise and not counted, as in Megatron-LM SC'21 eq. 3.
   */
  long scoreAndContextFlopsPerAttendedToken();

  /** Elements cached per token for decoding (multiply by bytes per element). */
  long kvCacheElementsPerToken();
}
