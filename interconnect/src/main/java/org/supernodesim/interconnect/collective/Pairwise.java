package org.supernodesim.interconnect.collective;

import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Pairwise exchange all-to-all: in step k (1..n-1) member r sends its chunk for r+k and receives
 * the chunk of r-k, so each step every member sends and receives exactly one chunk of S/n (Thakur,
 * Rabenseifner and Gropp, "Optimization of collective communication operations in MPICH", IJHPCA
 * 19(1), 2005, §3.4). On links of bandwidth B and latency alpha: (n-1)/n · S/B + (n-1) alpha, where
 * S is one member's send buffer, as nccl-tests counts an all-to-all.
 */
public final class Pairwise implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "pairwise";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_TO_ALL;
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, int groupSize, int rankIndex, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("pairwise does not implement " + kind.label());
    }
    int n = groupSize;
    List<Step> steps = new java.util.ArrayList<>(Math.max(0, n - 1));
    for (int k = 1; k < n; k++) {
      int to = (rankIndex + k) % n;
      int from = (rankIndex - k + n) % n;
      steps.add(new Step(
          List.of(new Step.Transfer(to, Ring.chunk(bytes, n, to))),
          List.of(new Step.Transfer(from, Ring.chunk(bytes, n, rankIndex)))));
    }
    return steps;
  }
}
