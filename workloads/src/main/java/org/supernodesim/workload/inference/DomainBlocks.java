package org.supernodesim.workload.inference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a group of chips lies over scale-up domains (nodes): how many chips it has in each, in
 * order of first appearance, and whether it is contiguous blocks of one size d per domain (what
 * rail-striped rings and DeepEP's per-node forwarding need).
 *
 * @param sizes chips of the group in each domain it touches
 * @param blocks the group is m contiguous blocks of d chips, one per domain
 */
record DomainBlocks(List<Integer> sizes, boolean blocks) {
  /** Domains the group touches. */
  int domains() {
    return sizes.size();
  }

  /** Chips per domain when {@link #blocks}. */
  int perDomain() {
    return sizes.get(0);
  }

  static DomainBlocks of(int[] group, ChipRoutes routes) {
    int n = group.length;
    Map<Integer, Integer> perDomain = new LinkedHashMap<>();
    for (int chip : group) {
      perDomain.merge(routes.domain(chip), 1, Integer::sum);
    }
    int m = perDomain.size();
    int d = n / m;
    boolean blocks = n % m == 0;
    for (int i = 0; blocks && i < n; i++) {
      blocks = routes.domain(group[i]) == routes.domain(group[i / d * d]);
    }
    return new DomainBlocks(List.copyOf(perDomain.values()), blocks);
  }
}
