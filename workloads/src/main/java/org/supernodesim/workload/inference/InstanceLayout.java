package org.supernodesim.workload.inference;

/**
 * How one serving instance spreads a model over its chips. Attention runs in {@code dpAttention}
 * data-parallel groups of {@code tp} tensor-parallel chips (each group serves its own requests,
 * DeepSeek's "DP attention"); layers are cut into {@code pp} pipeline stages; the routed experts
 * of each MoE layer are spread over {@code ep} chips of a stage, each expert split further over
 * the stage's {@code tp·dpAttention / ep} chips (expert tensor parallelism).
 *
 * @param tp tensor parallelism of attention and dense layers
 * @param pp pipeline stages
 * @param ep expert parallelism (1 for dense models)
 * @param dpAttention data-parallel attention groups per stage
 */
public record InstanceLayout(int tp, int pp, int ep, int dpAttention) {
  public InstanceLayout {
    if (tp < 1 || pp < 1 || ep < 1 || dpAttention < 1) {
      throw new IllegalArgumentException(
          "tp, pp, ep and dpAttention must be >= 1: " + tp + ", " + pp + ", " + ep + ", "
              + dpAttention);
    }
    if ((tp * dpAttention) % ep != 0) {
      throw new IllegalArgumentException("ep " + ep + " must divide the chips of a stage, tp x"
          + " dpAttention = " + tp * dpAttention);
    }
  }

  /** Chips of the instance: tp x dpAttention x pp. */
  public int chips() {
    return tp * pp * dpAttention;
  }

  /** Chips of one stage: tp x dpAttention. */
  public int stageChips() {
    return tp * dpAttention;
  }

  /** How many ways each routed expert is split: stage chips / ep. */
  public int expertTensorParallel() {
    return stageChips() / ep;
  }
}
