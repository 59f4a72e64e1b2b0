package org.supernodesim.model.transformer;

/**
 * The gate of a MoE layer: one {@code h × E} matrix, plus a per-expert bias where the model has
 * one (DeepSeek-V3's auxiliary-loss-free balancing bias, §2.1.2). Group-limited routing matters to
 * communication: DeepSeek-V3 splits its 256 experts into 8 groups and picks top-k within the best
 * 4, so a token reaches at most 4 nodes.
 *
 * @param scoring how logits become weights
 * @param bias a per-expert bias added to the affinities for selection
 * @param groups expert groups (1: ungrouped)
 * @param topKGroups groups a token may use (1 ≤ topKGroups ≤ groups)
 */
public record Router(RouterScoring scoring, boolean bias, int groups, int topKGroups) {
  public Router {
    if (scoring == null) {
      throw new IllegalArgumentException("a router needs its scoring function");
    }
    if (groups < 1 || topKGroups < 1 || topKGroups > groups) {
      throw new IllegalArgumentException(
          "router groups must satisfy 1 <= topKGroups <= groups, got " + topKGroups + " of "
              + groups);
    }
  }

  /** An ungrouped router. */
  public static Router ungrouped(RouterScoring scoring, boolean bias) {
    return new Router(scoring, bias, 1, 1);
  }
}
