package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Hierarchical all-reduce over m scale-up domains of d members each: a ring reduce-scatter inside
 * each domain leaves every member with 1/d of the buffer reduced over its domain; the members
 * holding the same share run a ring all-reduce of S/d across the domains (on the scale-out
 * fabric, one ring per share, d rings side by side on d NICs); a ring all-gather inside each
 * domain then spreads the result (as NCCL's and HCCL's hierarchical and "2D" algorithms; Jia et
 * al., arXiv 1807.11205). With scale-up links (B_u, alpha_u) and scale-out links (B_o, alpha_o):
 * T = 2(d-1)(S/(d B_u) + alpha_u) + 2(m-1)(S/(d m B_o) + alpha_o).
 *
 * <p>Needs the group's domains to hold the same number of consecutive members; otherwise it does
 * not apply and {@code auto} takes a flat algorithm.
 */
public final class Hierarchical implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "hierarchical";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE;
  }

  @Override
  public boolean appliesTo(CollectiveGroup group) {
    return group.membersPerDomain() > 0;
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind) || !appliesTo(group)) {
      throw new IllegalArgumentException(
          "hierarchical implements all-reduce over equal scale-up domains, not "
              + kind.label() + " over " + group.domains());
    }
    int d = group.membersPerDomain();
    int m = group.size() / d;
    int domain = member / d;
    int local = member % d;
    // After the intra-domain reduce-scatter, local position p holds the reduced chunk p+1.
    long share = Ring.chunk(bytes, d, local + 1);
    List<Step> inside = Ring.steps(d, local, bytes, d - 1, d - 1, 1, p -> domain * d + p);
    List<Step> across = Ring.steps(m, domain, share, m - 1, m - 1, 1, p -> p * d + local);
    int half = d - 1;
    return new AbstractList<>() {
      @Override
      public Step get(int k) {
        if (k < half) {
          return inside.get(k);
        }
        if (k < half + across.size()) {
          return across.get(k - half);
        }
        return inside.get(k - across.size());
      }

      @Override
      public int size() {
        return inside.size() + across.size();
      }
    };
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int d = group.membersPerDomain();
    int m = group.size() / d;
    long inside = 0;
    for (int dom = 0; dom < m; dom++) {
      int first = dom * d;
      inside = Math.max(inside,
          Ring.slowestStepPicos(d, p -> first + p, Ring.largestChunk(bytes, d), costs));
    }
    long across = 0;
    long share = Ring.largestChunk(bytes, d);
    for (int local = 0; local < d; local++) {
      int l = local;
      across = Math.max(across,
          Ring.slowestStepPicos(m, p -> p * d + l, Ring.largestChunk(share, m), costs));
    }
    return 2L * (d - 1) * inside + 2L * (m - 1) * across;
  }
}
