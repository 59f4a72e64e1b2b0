package org.supernodesim.interconnect.collective;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.supernodesim.model.fabric.InSwitchReduction;

/**
 * The members of one collective as the algorithms see them: their global ranks, in group order,
 * the scale-up domain of each, and the in-switch reduction their domain offers, if they all share
 * one domain whose switch has it, and whether they are a full mesh.
 *
 * @param ranks global ranks, in group order (member i is {@code ranks.get(i)})
 * @param domains the scale-up domain of each member
 * @param inSwitchReduction null unless every member is in one domain whose switch reduces
 * @param fullMesh true if at least 3 members each reach every peer on a link of their own
 *     ({@link org.supernodesim.model.collective.MeshGroups}): the shape {@link Mesh} needs
 */
public record CollectiveGroup(
    List<Integer> ranks, List<Integer> domains, InSwitchReduction inSwitchReduction,
    boolean fullMesh) {
  public CollectiveGroup {
    ranks = List.copyOf(ranks);
    domains = List.copyOf(domains);
    if (ranks.size() != domains.size()) {
      throw new IllegalArgumentException("one domain per member: " + ranks + " " + domains);
    }
  }

  /** A group that is not a full mesh. */
  public CollectiveGroup(
      List<Integer> ranks, List<Integer> domains, InSwitchReduction inSwitchReduction) {
    this(ranks, domains, inSwitchReduction, false);
  }

  /** A group of {@code n} members on one domain without in-switch reduction. */
  public static CollectiveGroup flat(int n) {
    Integer[] ranks = new Integer[n];
    Integer[] zeros = new Integer[n];
    for (int i = 0; i < n; i++) {
      ranks[i] = i;
      zeros[i] = 0;
    }
    return new CollectiveGroup(List.of(ranks), List.of(zeros), null);
  }

  public int size() {
    return ranks.size();
  }

  public Optional<InSwitchReduction> reduction() {
    return Optional.ofNullable(inSwitchReduction);
  }

  /**
   * The members per domain if the group spans at least two domains, each with the same number
   * (at least 2) of members, and each domain's members are consecutive in the group; else 0. This
   * is the shape hierarchical algorithms need (8 GPUs of each of 128 nodes).
   */
  public int membersPerDomain() {
    int n = size();
    int d = 1;
    while (d < n && domains.get(d).equals(domains.get(0))) {
      d++;
    }
    if (d < 2 || d == n || n % d != 0) {
      return 0;
    }
    // One pass with a set of the domains seen (every algorithm asks this of every member, so a
    // search of the earlier members per block made a 384-chip hierarchical run quadratic).
    Set<Integer> seen = new HashSet<>();
    for (int first = 0; first < n; first += d) {
      Integer domain = domains.get(first);
      for (int i = first + 1; i < first + d; i++) {
        if (!domains.get(i).equals(domain)) {
          return 0;
        }
      }
      if (!seen.add(domain)) {
        return 0;
      }
    }
    return d;
  }
}
