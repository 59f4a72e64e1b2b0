package org.supernodesim.workload.trace.text;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.graph.GraphPool;

/**
 * Where each rank's groups are, as the tools lay ranks out: tensor-parallel groups of
 * {@code tp} consecutive ranks, then pipeline stages, then data-parallel replicas (rank = t + tp
 * (p + pp d)); expert groups of {@code ep} consecutive replicas; ASTRA-sim's first network
 * dimension as blocks of {@code local} consecutive ranks. The formulas are SimAI's MockNccl
 * groups (astra-sim-alibabacloud {@code system/MockNcclGroup.cc}) and ASTRA-sim's dimension
 * split; where SimAI's DP_EP groups overlap (pp > 1) they are taken as a partition, replicas
 * {@code ep} apart within blocks of {@code ep x dp/ep}.
 */
final class Layout {
  private final int ranks;
  private final int tp;
  private final int pp;
  private final int ep;
  private final int local;
  private final GraphPool pool;

  Layout(int ranks, int tp, int pp, int ep, int local, GraphPool pool) {
    this.ranks = ranks;
    this.tp = tp;
    this.pp = pp;
    this.ep = ep;
    this.local = local;
    this.pool = pool;
  }

  int ranks() {
    return ranks;
  }

  /** The members of {@code rank}'s group of {@code span}, in rank order (pooled). */
  List<Integer> group(Span span, int rank) {
    return switch (span) {
      case NONE -> List.of(rank);
      case ALL -> strided(0, 1, ranks);
      case LOCAL -> strided(rank / local * local, 1, local);
      case REST -> strided(rank % local, local, ranks / local);
      case TP -> strided(rank / tp * tp, 1, tp);
      case DP -> strided(rank % (tp * pp), tp * pp, ranks / (tp * pp));
      case EP -> strided((rank / tp / ep * ep) * tp + rank % tp, tp, ep);
      case DP_EP -> {
        int dpEp = ranks / (tp * pp) / ep;
        int l = rank / tp;
        int first = l / (ep * dpEp) * (ep * dpEp) + l % ep;
        yield strided(first * tp + rank % tp, ep * tp, dpEp);
      }
    };
  }

  private List<Integer> strided(int first, int stride, int count) {
    List<Integer> g = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      g.add(first + k * stride);
    }
    return pool.list(g);
  }
}
