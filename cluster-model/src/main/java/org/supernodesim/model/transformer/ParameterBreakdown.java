package org.supernodesim.model.transformer;

/**
 * Parameters of a model by component, summed over layers. Either every parameter ({@link
 * ParameterCounts#total()}) or those one token uses ({@link ParameterCounts#active()}).
 *
 * @param embedding token embedding {@code V·h} plus a learned position table
 * @param attention attention blocks, with their biases and inner norms (QK-norm, MLA latent norms)
 * @param denseFfn FFNs of the dense layers
 * @param routedExperts routed experts of the MoE layers (active: the top-k of each)
 * @param sharedExperts shared-expert paths of the MoE layers
 * @param router MoE gates, with their biases
 * @param norms the two norms of every block and the final norm
 * @param outputHead {@code V·h}, or 0 when tied to the embedding
 */
public record ParameterBreakdown(
    long embedding,
    long attention,
    long denseFfn,
    long routedExperts,
    long sharedExperts,
    long router,
    long norms,
    long outputHead) {

  /** Sum of all components. */
  public long sum() {
    return embedding + attention + denseFfn + routedExperts + sharedExperts + router + norms
        + outputHead;
  }

  /** Sum without the embedding and head: the "non-embedding" count of model cards. */
  public long withoutEmbeddingAndHead() {
    return sum() - embedding - outputHead;
  }

  /** FFN of any kind: dense FFNs, experts, shared experts and routers. */
  public long ffn() {
    return denseFfn + routedExperts + sharedExperts + router;
  }
}
