package org.supernodesim.workload.inference;

/**
 * Weights one chip of an instance holds, by part, in bytes (the fullest pipeline stage).
 *
 * @param attentionBytes attention projections / tp
 * @param denseFfnBytes dense FFN layers / tp
 * @param sharedExpertBytes MoE shared experts / tp
 * @param routedExpertBytes the routed expert slots of the fullest EP rank
 * @param embeddingAndHeadBytes the embedding (first stage) and output head (last stage) / tp
 * @param normsAndRoutersBytes norms, router gates and MLA's latent norms, replicated
 */
public record ChipMemory(
    double attentionBytes,
    double denseFfnBytes,
    double sharedExpertBytes,
    double routedExpertBytes,
    double embeddingAndHeadBytes,
    double normsAndRoutersBytes) {
  /** All of them. */
  public double weightBytes() {
    return attentionBytes + denseFfnBytes + sharedExpertBytes + routedExpertBytes
        + embeddingAndHeadBytes + normsAndRoutersBytes;
  }
}
