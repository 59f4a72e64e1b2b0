package org.supernodesim.interconnect.collective;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.collective.MeshGroups;

/**
 * The collectives of one topology: builds the group the algorithms see (its members' domains,
 * in-switch reduction and whether they are a full mesh) from any list of global ranks, resolves
 * {@code auto}, and hands out each member's steps. Thread-safe: every member of a collective asks
 * for its own steps, possibly on different threads, and gets the same choice, because the choice
 * is a pure function of the collective.
 *
 * <p>The {@code auto} rule: of the algorithms that implement the kind and apply to the group
 * (nvls needs a switch that reduces and a group inside one domain; hierarchical a group spread
 * evenly over several domains; mesh a full mesh), the one whose closed form on this topology,
 * with each pair of members' striped bandwidth and route latency, predicts the least time; ties
 * go to the earlier of nvls, hierarchical, ring, halving-doubling, double-binary-tree, direct,
 * pipeline, mesh. So small buffers go where latency is least (fewer steps), large ones where
 * bandwidth is best.
 */
public final class Collectives {
  private final Topology topology;
  private final PairCosts costs;
  // Caches of pure functions of their keys: which thread fills an entry does not matter.
  private final ConcurrentHashMap<Choice, CollectiveAlgorithm> choices = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<Integer>, CollectiveGroup> groups =
      new ConcurrentHashMap<>();
  // The collective last scheduled, found by the identity of its (immutable) list of ranks: every
  // member of a collective asks with the one list its graph holds, and hashing and comparing that
  // list (384 ranks, twice, for each of 384 chips) was a few ms of a short run. Immutable, so a
  // thread sees it whole or not at all; a miss only costs the maps' look-ups.
  private volatile Scheduled lastScheduled;

  private record Scheduled(
      CollectiveKind kind, AlgorithmChoice choice, List<Integer> ranks, long bytes,
      CollectiveAlgorithm algorithm, CollectiveGroup group) {}

  /**
   * A cache key. Its equals and hashCode are written out: a record's own are bound at their first
   * call through method handles ({@code ObjectMethods}), which spun about 20 classes, a few
   * milliseconds of every run's start-up, for the one record a run hashes.
   */
  private record Choice(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> ranks, long bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Choice c
          && kind == c.kind
          && algorithm == c.algorithm
          && bytes == c.bytes
          && ranks.equals(c.ranks);
    }

    @Override
    public int hashCode() {
      return ((kind.hashCode() * 31 + algorithm.hashCode()) * 31 + ranks.hashCode()) * 31
          + Long.hashCode(bytes);
    }
  }

  public Collectives(Router router) {
    this.topology = router.topology();
    this.costs = new RouterCosts(router);
  }

  /** The group of global {@code ranks} (in group order) on this topology. */
  public CollectiveGroup group(List<Integer> ranks) {
    return groups.computeIfAbsent(List.copyOf(ranks), this::buildGroup);
  }

  private CollectiveGroup buildGroup(List<Integer> ranks) {
    List<Integer> domains = new ArrayList<>(ranks.size());
    for (int r : ranks) {
      if (r < 0 || r >= topology.chips()) {
        throw new IllegalArgumentException(
            "rank " + r + " is not a chip of this topology (0.." + (topology.chips() - 1) + ")");
      }
      domains.add(topology.domainOf(r));
    }
    boolean oneDomain = domains.stream().distinct().count() == 1;
    int[] members = ranks.stream().mapToInt(Integer::intValue).toArray();
    return new CollectiveGroup(
        ranks, domains, oneDomain ? topology.inSwitchReduction().orElse(null) : null,
        MeshGroups.fullMesh(members, costs::port));
  }

  /** The algorithm that runs: {@code algorithm} itself, or what {@code auto} chooses. */
  public CollectiveAlgorithm resolve(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> ranks, long bytes) {
    return choices.computeIfAbsent(
        new Choice(kind, algorithm, List.copyOf(ranks), bytes), this::choose);
  }

  /** Member {@code member}'s steps of the collective. */
  public List<Step> schedule(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> ranks, int member, long bytes) {
    // An immutable list is its own copy; a list that may change is copied, and so never matches.
    List<Integer> fixed = List.copyOf(ranks);
    Scheduled last = lastScheduled;
    if (last == null || last.ranks() != fixed || last.kind() != kind
        || last.choice() != algorithm || last.bytes() != bytes) {
      last = new Scheduled(
          kind, algorithm, fixed, bytes, resolve(kind, algorithm, fixed, bytes), group(fixed));
      lastScheduled = last;
    }
    return last.algorithm().schedule(kind, last.group(), member, bytes);
  }

  /**
   * Member {@code member}'s steps of an all-to-all whose members send {@code sourceBytes} (in
   * group order; empty: {@code bytes} each). Only {@code direct} (or {@code auto}, which is it)
   * sends blocks of different sizes.
   */
  public List<Step> schedule(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> ranks, int member, long bytes,
      List<Long> sourceBytes) {
    if (sourceBytes.isEmpty()) {
      return schedule(kind, algorithm, ranks, member, bytes);
    }
    if (!(resolve(kind, algorithm, ranks, bytes) instanceof Direct)) {
      throw new IllegalArgumentException(
          "per-rank sizes need a direct all-to-all, not " + algorithm.label() + " " + kind.label());
    }
    return Direct.uneven(sourceBytes, member);
  }

  /**
   * As above, or (with {@code destinationBytes} given, group order) an all-to-all in which each
   * member receives its {@code destinationBytes}, sent evenly by the members (MoE dispatch to
   * unevenly loaded experts). Only {@code direct} sends blocks of different sizes.
   */
  public List<Step> schedule(
      CollectiveKind kind, AlgorithmChoice algorithm, List<Integer> ranks, int member, long bytes,
      List<Long> sourceBytes, List<Long> destinationBytes) {
    if (destinationBytes.isEmpty()) {
      return schedule(kind, algorithm, ranks, member, bytes, sourceBytes);
    }
    if (!(resolve(kind, algorithm, ranks, bytes) instanceof Direct)) {
      throw new IllegalArgumentException(
          "per-rank sizes need a direct all-to-all, not " + algorithm.label() + " " + kind.label());
    }
    return Direct.unevenReceives(destinationBytes, member);
  }

  /** The closed-form time of {@code algorithm} for this collective on this topology. */
  public long estimatePicos(
      CollectiveKind kind, CollectiveAlgorithm algorithm, List<Integer> ranks, long bytes) {
    CollectiveGroup g = group(ranks);
    return algorithm.estimatePicos(kind, g, bytes, memberCosts(g));
  }

  private CollectiveAlgorithm choose(Choice c) {
    CollectiveGroup g = group(c.ranks());
    if (c.algorithm() != AlgorithmChoice.AUTO) {
      CollectiveAlgorithm a = CollectiveAlgorithm.of(c.algorithm());
      if (!a.supports(c.kind()) || !a.appliesTo(g)) {
        throw new IllegalArgumentException(
            a.name() + " cannot run " + c.kind().label() + " over ranks " + c.ranks()
                + (a.supports(c.kind()) ? a.needs().map(need -> ": it needs " + need).orElse("")
                    : ""));
      }
      return a;
    }
    List<CollectiveAlgorithm> candidates = new ArrayList<>();
    for (CollectiveAlgorithm a : CollectiveAlgorithm.ALL) {
      if (a.supports(c.kind()) && a.appliesTo(g)) {
        candidates.add(a);
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no algorithm implements " + c.kind().label());
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    PairCosts member = memberCosts(g);
    CollectiveAlgorithm best = null;
    long bestPicos = Long.MAX_VALUE;
    for (CollectiveAlgorithm a : candidates) {
      long t = a.estimatePicos(c.kind(), g, c.bytes(), member);
      if (t < bestPicos) {
        best = a;
        bestPicos = t;
      }
    }
    return best;
  }

  /** The costs between members, seen through their global ranks. */
  private PairCosts memberCosts(CollectiveGroup g) {
    List<Integer> ranks = g.ranks();
    return new PairCosts() {
      @Override
      public double bytesPerSecond(int a, int b) {
        return costs.bytesPerSecond(ranks.get(a), ranks.get(b));
      }

      @Override
      public long latencyPicos(int a, int b) {
        return costs.latencyPicos(ranks.get(a), ranks.get(b));
      }

      @Override
      public int port(int a, int b) {
        return costs.port(ranks.get(a), ranks.get(b));
      }
    };
  }

  /** Pair costs of global ranks from the router: striped bandwidth, route latency. */
  private static final class RouterCosts implements PairCosts {
    /** The port of transfers striped over several of a chip's links: no link's index. */
    private static final int STRIPED_PORT = -1;

    private final Router router;

    RouterCosts(Router router) {
      this.router = router;
    }

    @Override
    public double bytesPerSecond(int a, int b) {
      return router.pairBytesPerSecond(a, b);
    }

    @Override
    public long latencyPicos(int a, int b) {
      return router.route(a, b).latencyPicos();
    }

    @Override
    public int port(int a, int b) {
      // As the analytical transport: a chip's port is the first link of the route. A transfer
      // striped over several first links (CloudMatrix384's planes, which the stage fidelity keeps
      // where the chip fidelity's topology merges them into one link) reaches more than one of
      // them carries alone, and leaves on all of them: the chip's one striped port, shared by
      // every such transfer, as on the merged link.
      Topology.Link first = router.route(a, b).links().get(0);
      return router.pairBytesPerSecond(a, b) > first.spec().bytesPerSecond()
          ? STRIPED_PORT
          : first.index();
    }
  }
}
