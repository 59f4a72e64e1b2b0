package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each member of an EP all-to-all forwarded per node ({@link
 * CommunicationDemand.Route.PerNode}, DeepEP's normal kernels) sends its tokens, as shares of its
 * entry (one copy of each of its tokens).
 *
 * <p>The group spans m scale-up domains (nodes) of d members each, in contiguous blocks (DeepEP's
 * internode kernels take whole nodes of NVLink peers). A token's k experts are k distinct of the
 * group's S slots, S / (m d) on each member, so a member holds one of them with probability
 * p_gpu = 1 - C(S - S/(md), k) / C(S, k) and a node with p_node = 1 - C(S - S/m, k) / C(S, k).
 * The member at position p of node i sends each token once over RDMA to position p of every other
 * node that holds one of its experts: share p_node to each of the m - 1 rail peers. Inside a node
 * every GPU then needs the token from the GPU it arrived on: its own tokens go to each node peer
 * with p_gpu, and the tokens its rail peers sent it (p_node of theirs, from each of m - 1 nodes)
 * on to each node peer holding an expert, p_gpu / p_node of them, so share m x p_gpu to each of
 * the d - 1 node peers. Every member holds as many tokens as the others (tokens spread evenly over
 * the DP attention groups), so what a member forwards equals what it would receive. The combine
 * runs the same legs backwards (reduced in the node, then one copy back per node).
 *
 * @param legs per member (in group order), where its tokens go and what share of its entry each
 *     destination takes
 */
public record ForwardedLegs(List<List<Leg>> legs) {
  /** One destination: a rail peer on another node, or a peer in the node. */
  public record Leg(int to, double share) {}

  /**
   * The legs of {@code group} (global chips, in rank order) for a route.
   *
   * @throws IllegalArgumentException if the group is not whole blocks of one size per domain
   */
  public static ForwardedLegs of(
      int[] group, ChipRoutes routes, CommunicationDemand.Route.PerNode route) {
    int n = group.length;
    DomainBlocks domains = DomainBlocks.of(group, routes);
    if (!domains.blocks()) {
      throw new IllegalArgumentException("deepep-normal forwards within scale-up domains: its "
          + n + " EP ranks must be contiguous blocks of one size per domain, not "
          + domains.sizes());
    }
    int m = domains.domains();
    int d = domains.perDomain();
    double slots = route.expertSlots() / (double) n;
    double gpu = 1 - route.untouched(slots);
    double node = 1 - route.untouched(slots * d);
    List<List<Leg>> legs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i / d;
      int p = i % d;
      List<Leg> mine = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        if (j != k) {
          mine.add(new Leg(group[j * d + p], node));
        }
      }
      for (int q = 0; q < d; q++) {
        if (q != p) {
          mine.add(new Leg(group[k * d + q], m * gpu));
        }
      }
      legs.add(List.copyOf(mine));
    }
    return new ForwardedLegs(List.copyOf(legs));
  }

  /** The bytes a leg of {@code share} carries of an entry of {@code entry} bytes. */
  public static long bytes(double share, long entry) {
    return Math.round(entry * share);
  }
}
