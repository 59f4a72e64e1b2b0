package org.supernodesim.node.serving;

import org.supernodesim.workload.inference.InstanceLayout;

/**
 * Which chips of the cluster one instance holds and how its collectives group them. The instance
 * takes {@code layout.chips()} consecutive chips from {@code firstChip}: stage s the s-th block
 * of {@code tp x dpAttention}; inside a stage, DP-attention group d the d-th run of {@code tp}
 * chips (so a TP all-reduce stays among neighbours, within a node where it fits); expert group g
 * the stage chips g, g + etp, g + 2 etp, ... ({@code etp} = stage chips / ep, each expert split
 * over etp neighbours), so an EP all-to-all spans the stage's DP groups and, on a cluster of
 * nodes, crosses nodes when the stage does.
 *
 * @param firstChip the instance's first chip
 * @param layout its parallelism
 */
record InstanceChips(int firstChip, InstanceLayout layout) {

  /** The TP groups of every stage: {@code pp x dpAttention} groups of {@code tp} chips. */
  int[][] tensorGroups() {
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

  /** The EP groups of every stage: {@code pp x etp} groups of {@code ep} chips. */
  int[][] expertGroups() {
    int etp = layout.expertTensorParallel();
    int[][] groups = new int[layout.pp() * etp][layout.ep()];
    for (int s = 0; s < layout.pp(); s++) {
      for (int g = 0; g < etp; g++) {
        for (int k = 0; k < layout.ep(); k++) {
          groups[s * etp + g][k] = stageChip(s, g + etp * k);
        }
      }
    }
    return groups;
  }

  /**
   * The DP-attention groups of every stage: the chips of one TP rank across the DP groups,
   * {@code pp x tp} groups of {@code dpAttention} chips.
   */
  int[][] attentionGroups() {
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

  /**
   * The stage boundaries: chip i of stage s sends its activations to chip i of stage s + 1,
   * {@code pp - 1} boundaries of {@code stage chips} pairs, each a group of two.
   */
  int[][] stageBoundaries() {
    int stage = layout.stageChips();
    int[][] pairs = new int[(layout.pp() - 1) * stage][];
    for (int s = 0; s + 1 < layout.pp(); s++) {
      for (int i = 0; i < stage; i++) {
        pairs[s * stage + i] = new int[] {stageChip(s, i), stageChip(s + 1, i)};
      }
    }
    return pairs;
  }

  /** Chip {@code i} of stage {@code s}. */
  private int stageChip(int s, int i) {
    return firstChip + s * layout.stageChips() + i;
  }
}
