package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each parallel coordinate lives: global rank = tp + TP·(cp + CP·(dp + DP·pp)), Megatron-LM's
 * order (tensor-parallel ranks adjacent, so a tp group stays inside a node; pipeline stages
 * farthest apart). The expert-parallel group of a rank is ep consecutive data-parallel ranks; the
 * rest of its data-parallel group with the same expert shard is its expert-data-parallel group.
 */
public record RankLayout(Parallelism parallelism) {

  /** The global rank of coordinates (tp, cp, dp, pp). */
  public int rank(int tp, int cp, int dp, int stage) {
    Parallelism p = parallelism;
    return tp + p.tp() * (cp + p.cp() * (dp + p.dp() * stage));
  }

  /** The rank that stands for pipeline stage {@code stage}: tp = cp = dp = 0. */
  public int representative(int stage) {
    return rank(0, 0, 0, stage);
  }

  public List<Integer> tensorGroup(int stage) {
    List<Integer> g = new ArrayList<>();
    for (int t = 0; t < parallelism.tp(); t++) {
      g.add(rank(t, 0, 0, stage));
    }
    return g;
  }

  public List<Integer> contextGroup(int stage) {
    List<Integer> g = new ArrayList<>();
    for (int c = 0; c < parallelism.cp(); c++) {
      g.add(rank(0, c, 0, stage));
    }
    return g;
  }

  /** The data-parallel group of the representative: dense gradients are reduced over it. */
  public List<Integer> dataGroup(int stage) {
    return dataRanks(stage, 0, 1, parallelism.dp());
  }

  /** The expert-parallel group of the representative: ep consecutive data-parallel ranks. */
  public List<Integer> expertGroup(int stage) {
    return dataRanks(stage, 0, 1, parallelism.ep());
  }

  /** The ranks holding the same experts as the representative: dp / ep of them. */
  public List<Integer> expertDataGroup(int stage) {
    return dataRanks(stage, 0, parallelism.ep(), parallelism.dp() / parallelism.ep());
  }

  /**
   * The data-parallel groups of several stages' representatives, stage after stage: the ranks
   * that hold the same parameters when a schedule places a chunk on more than one stage.
   */
  public List<Integer> dataGroup(List<Integer> stages) {
    return union(stages, this::dataGroup);
  }

  /** The expert-data-parallel groups of several stages' representatives, stage after stage. */
  public List<Integer> expertDataGroup(List<Integer> stages) {
    return union(stages, this::expertDataGroup);
  }

  private static List<Integer> union(
      List<Integer> stages, java.util.function.IntFunction<List<Integer>> group) {
    if (stages.size() == 1) {
      return group.apply(stages.get(0));
    }
    List<Integer> all = new ArrayList<>();
    for (int s : stages) {
      all.addAll(group.apply(s));
    }
    return all;
  }

  private List<Integer> dataRanks(int stage, int first, int stride, int count) {
    List<Integer> g = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      g.add(rank(0, 0, first + i * stride, stage));
    }
    return g;
  }

  /** The pipeline stage of global rank {@code rank}. */
  public int stageOf(int rank) {
    Parallelism p = parallelism;
    return rank / (p.tp() * p.cp() * p.dp());
  }

  /**
   * What a group or peer of its stage's representative is for global rank {@code rank}: every
   * coordinate in which the representative's group varies (tp, cp, the expert index ep within dp,
   * the expert-data index dp / ep) kept, every other one taken from {@code rank}, the stage kept.
   * So a tensor group becomes {@code rank}'s tensor group, a pipeline peer {@code rank}'s peer in
   * that stage, and every member of a group translates it to the same list, in the same order.
   */
  public List<Integer> translate(List<Integer> representativeGroup, int rank) {
    int[] own = coordinates(rank);
    boolean[] varies = new boolean[4];
    for (int member : representativeGroup) {
      int[] c = coordinates(member);
      for (int d = 0; d < 4; d++) {
        varies[d] |= c[d] != 0;
      }
    }
    List<Integer> out = new ArrayList<>(representativeGroup.size());
    for (int member : representativeGroup) {
      int[] c = coordinates(member);
      for (int d = 0; d < 4; d++) {
        c[d] = varies[d] ? c[d] : own[d];
      }
      out.add(fromCoordinates(c, stageOf(member)));
    }
    return out;
  }

  /** {@code rank}'s peer at the stage of the representative's peer {@code representativePeer}. */
  public int translatePeer(int representativePeer, int rank) {
    return fromCoordinates(coordinates(rank), stageOf(representativePeer));
  }

  /** (tp, cp, expert index, expert-data index) of a rank. */
  private int[] coordinates(int rank) {
    Parallelism p = parallelism;
    int dp = (rank / (p.tp() * p.cp())) % p.dp();
    return new int[] {rank % p.tp(), (rank / p.tp()) % p.cp(), dp % p.ep(), dp / p.ep()};
  }

  private int fromCoordinates(int[] c, int stage) {
    return rank(c[0], c[1], c[2] + parallelism.ep() * c[3], stage);
  }
}
