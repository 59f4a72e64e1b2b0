package org.supernodesim.workload.inference;


/**
 * Which chips of the cluster one instance holds and how its collectives group them. The instance
 * takes {@code layout.chips()} consecutive chips from {@code firstChip}: stage s the s-th block
 * of {@code tp x dpAttention}; inside a stage, DP-attention group d the d-th run of {@code tp}
 * chips (so a TP all-reduce stays among neighbours, within a node where it fits). The experts'
 * all-to-all runs over every chip of a stage (EP rank r the chips r x etp .. r x etp + etp - 1,
 * etp = stage chips / ep, as the step cost model counts them), so on a cluster of nodes it
 * crosses nodes when the stage does.
 *
 * @param firstChip the instance's first chip
 * @param layout its parallelism
 */
public record InstanceChips(int firstChip, InstanceLayout layout) {

  /** The TP groups of every stage: {@code pp x dpAttention} groups of {@code tp} chips. */
  public int[][] tensorGroups() {
    int tp = layout.tp();
    int[][] groups = new int[layout.pp() * layout.dpAttention()][tp];
    for (int s = 0; s < layout.pp(); s++) {
      for (int d = 0; d < layout.dpAttention(); d++) {
        for (int t = 0; t < tp; t++) {
          groups[s * layout.dpAttention() + d][t] = stageChip(s, d * tp + t);
        }
      }
    }
    return groups;
  }

  /**
   * The DP-attention groups of every stage: the chips of one TP rank across the DP groups,
   * {@code pp x tp} groups of {@code dpAttention} chips.
   */
  public int[][] attentionGroups() {
    int tp = layout.tp();
    int dp = layout.dpAttention();
    int[][] groups = new int[layout.pp() * tp][dp];
    for (int s = 0; s < layout.pp(); s++) {
      for (int t = 0; t < tp; t++) {
        for (int d = 0; d < dp; d++) {
          groups[s * tp + t][d] = stageChip(s, t + tp * d);
        }
      }
    }
    return groups;
  }

  /** The chips of each stage, in order: the expert ranks of an all-to-all over the stage. */
  public int[][] stages() {
    int[][] groups = new int[layout.pp()][layout.stageChips()];
    for (int s = 0; s < layout.pp(); s++) {
      for (int i = 0; i < layout.stageChips(); i++) {
        groups[s][i] = stageChip(s, i);
      }
    }
    return groups;
  }

  /**
   * The stage boundaries: chip i of stage s sends its activations to chip i of stage s + 1,
   * {@code pp - 1} boundaries of {@code stage chips} pairs, each a group of two.
   */
  public int[][] stageBoundaries() {
    int stage = layout.stageChips();
    int[][] pairs = new int[(layout.pp() - 1) * stage][];
    for (int s = 0; s + 1 < layout.pp(); s++) {
      for (int i = 0; i < stage; i++) {
        pairs[s * stage + i] = new int[] {stageChip(s, i), stageChip(s + 1, i)};
      }
    }
    return pairs;
  }

  /**
   * The chips of every group a demand of {@code members} ranks runs in: TP groups, whole stages
   * (expert ranks), DP-attention groups (or whole stages when the demand counts every chip), or
   * stage-boundary pairs.
   */
  public int[][] groupsOf(CommunicationDemand.RankGroup group, int members) {
    int[][] g = switch (group) {
      case TENSOR -> tensorGroups();
      case EXPERT -> stages();
      case ATTENTION_DP -> members == layout.dpAttention() ? attentionGroups() : stages();
      case PIPELINE -> stageBoundaries();
    };
    int size = group == CommunicationDemand.RankGroup.PIPELINE ? layout.stageChips()
        : g.length == 0 ? members : g[0].length;
    if (size != members) {
      throw new IllegalArgumentException(group + " demand of " + members + " ranks; the"
          + " instance's groups have " + size);
    }
    return g;
  }

  /** Chip {@code i} of stage {@code s}. */
  private int stageChip(int s, int i) {
    return firstChip + s * layout.stageChips() + i;
  }
}
