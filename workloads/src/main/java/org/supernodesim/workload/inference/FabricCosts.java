package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.model.collective.MeshGroups;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.inference.CommunicationDemand.RankGroup;

/**
 * An instance's collectives timed by closed forms over its own chips' routes, as the analytical
 * transport times transfers (alpha-beta per transfer, a chip's port serialising what leaves it):
 *
 * <ul>
 *   <li>all-to-all (EP dispatch and combine, direct as DeepEP's and NCCL's): member a sends its
 *       remote bytes R_a in equal blocks to the n - 1 others at once; each port it sends on
 *       serialises its blocks, the last then crosses its route, so T_a = max over ports p of (the
 *       blocks over p at their pair bandwidth + p's largest route latency), and the busiest
 *       member sets the collective. A port takes in what it sends out (routes are symmetric), so a
 *       member is priced on the larger of what it sends and what it receives: an uneven expert
 *       load makes the hot rank's inbound traffic the bound. A group spanning nodes puts its
 *       remote blocks on the scale-out port (the NIC), whose bandwidth then sets it.
 *   <li>ring all-reduce, all-gather and reduce-scatter (TP, DP attention): 2(n-1) or n-1 steps of
 *       one chunk each, every step as slow as the ring's slowest member (as {@code Ring}); a ring
 *       over several nodes runs one channel per rail, each member sending 1/d of a chunk over its
 *       own NIC and the rest over the scale-up fabric at once ({@link RingLegs}). On a full mesh
 *       ({@link MeshGroups}) they run as the mesh algorithm: a reduce-scatter and an all-gather
 *       (one of them for those collectives) in which every member sends each peer its chunk at
 *       once, each phase timed as the all-to-all of those chunks.
 *   <li>stage sends: each chip to its peer of the next stage at once, the slowest pair.
 * </ul>
 *
 * Members with the same ports, peers per bandwidth and latencies time alike, so a profile keeps
 * the distinct ones and a step prices a handful, not every chip: the representative-member
 * shortcut, exact since a member's time depends on nothing else. It equals the full path (the
 * transfers run one by one on the analytical transport) where each port's routes have one
 * latency (one switch, a Clos, a hierarchy under one scale-out tier); elsewhere it bounds it by
 * the latency spread. {@code FabricCostsTest} (node-actor) holds it to the full path.
 */
public final class FabricCosts implements CommunicationPricer {
  private final ChipRoutes routes;
  private final InstanceChips chips;
  private final Map<RankGroup, AllToAll> allToAlls = new EnumMap<>(RankGroup.class);
  private final Map<RankGroup, RingSteps> rings = new EnumMap<>(RankGroup.class);
  private final Map<RankGroup, Boolean> meshes = new EnumMap<>(RankGroup.class);
  private final Map<CommunicationDemand.Route.PerNode, Forwarded> forwarded = new HashMap<>();

  /** The collectives of the instance of {@code layout} on chips from {@code firstChip}. */
  public FabricCosts(ChipRoutes routes, int firstChip, InstanceLayout layout) {
    this.routes = routes;
    this.chips = new InstanceChips(firstChip, layout);
  }

  @Override
  public long picos(CommunicationDemand d) {
    List<Long> bytes = d.bytesPerRank();
    int n = bytes.size();
    if (n < 2 && d.collective() != CommunicationDemand.Collective.STAGE_SEND) {
      return 0;
    }
    long busiest = d.busiestRankBytes();
    long one = switch (d.collective()) {
      case ALL_REDUCE -> fullMesh(d.group(), n)
          ? 2L * meshPhase(d.group(), n, ceilDiv(busiest, n))
          : 2L * (n - 1) * ring(d.group(), n).slowestPicos(ceilDiv(busiest, n));
      case ALL_GATHER, REDUCE_SCATTER -> fullMesh(d.group(), n)
          ? meshPhase(d.group(), n, busiest)
          : (n - 1L) * ring(d.group(), n).slowestPicos(busiest);
      case EP_DISPATCH, EP_COMBINE -> d.route() instanceof CommunicationDemand.Route.PerNode r
          ? forwarded(d.group(), n, r).picos(bytes)
          : allToAll(d.group(), n).picos(bytes);
      case STAGE_SEND -> ring(RankGroup.PIPELINE, n).slowestPicos(busiest);
    };
    return d.timesPerStep() * one;
  }

  /** Whether a kind's groups are full meshes ({@link MeshGroups}). */
  private boolean fullMesh(RankGroup group, int members) {
    return meshes.computeIfAbsent(
        group, g -> MeshGroups.fullMesh(groups(g, members), routes::port));
  }

  /**
   * One phase of a mesh reduce-scatter or all-gather: every member sends each peer its {@code
   * block} at once, an all-to-all of n - 1 blocks a member.
   */
  private long meshPhase(RankGroup group, int members, long block) {
    return allToAll(group, members).picos(Collections.nCopies(members, block * (members - 1)));
  }

  /** The distinct members of a kind's rings (or of the stage boundaries). */
  private RingSteps ring(RankGroup group, int members) {
    return rings.computeIfAbsent(
        group, g -> ringSteps(groups(g, members), g != RankGroup.PIPELINE));
  }

  private AllToAll allToAll(RankGroup group, int members) {
    return allToAlls.computeIfAbsent(group, g -> allToAll(groups(g, members)));
  }

  private Forwarded forwarded(
      RankGroup group, int members, CommunicationDemand.Route.PerNode route) {
    return forwarded.computeIfAbsent(route, r -> {
      List<ForwardedMember> distinct = new ArrayList<>();
      int[][] groups = groups(group, members);
      int[][] memberOf = new int[groups.length][];
      for (int g = 0; g < groups.length; g++) {
        ForwardedLegs legs = ForwardedLegs.of(groups[g], routes, r);
        memberOf[g] = new int[groups[g].length];
        for (int a = 0; a < groups[g].length; a++) {
          ForwardedMember m = forwardedMember(groups[g][a], legs.legs().get(a));
          int at = distinct.indexOf(m);
          if (at < 0) {
            at = distinct.size();
            distinct.add(m);
          }
          memberOf[g][a] = at;
        }
      }
      return new Forwarded(List.copyOf(distinct), memberOf);
    });
  }

  private ForwardedMember forwardedMember(int chip, List<ForwardedLegs.Leg> legs) {
    TreeMap<Integer, List<ForwardedCost>> byPort = new TreeMap<>();
    TreeMap<Integer, Long> latency = new TreeMap<>();
    for (ForwardedLegs.Leg l : legs) {
      int port = routes.port(chip, l.to());
      // Which chip a leg reaches does not time it; its bandwidth and share do.
      byPort.computeIfAbsent(port, k -> new ArrayList<>())
          .add(new ForwardedCost(routes.bytesPerSecond(chip, l.to()), l.share()));
      latency.merge(port, routes.latencyPicos(chip, l.to()), Math::max);
    }
    List<ForwardedPort> ports = new ArrayList<>();
    for (var e : byPort.entrySet()) {
      ports.add(new ForwardedPort(List.copyOf(e.getValue()), latency.get(e.getKey())));
    }
    ports.sort((x, y) -> x.toString().compareTo(y.toString()));
    return new ForwardedMember(List.copyOf(ports));
  }

  /** One leg of a forwarding member: its pair bandwidth and its share of the member's entry. */
  record ForwardedCost(double bytesPerSecond, double share) {}

  /** One port of a forwarding member: the legs it serialises and its slowest route. */
  record ForwardedPort(List<ForwardedCost> legs, long latencyPicos) {}

  /**
   * One member of a per-node forwarded all-to-all. Its RDMA and NVLink legs leave on different
   * ports and run at once (DeepEP's normal kernels forward chunk by chunk as they arrive, so the
   * RDMA sends and the NVLink forwarding overlap; the pipeline's fill is left out).
   */
  record ForwardedMember(List<ForwardedPort> ports) {
    long picos(long entry) {
      long slowest = 0;
      for (ForwardedPort p : ports) {
        long serial = 0;
        for (ForwardedCost c : p.legs()) {
          serial += LinkSpec.serializationPicos(
              ForwardedLegs.bytes(c.share(), entry), c.bytesPerSecond());
        }
        slowest = Math.max(slowest, serial + p.latencyPicos());
      }
      return slowest;
    }
  }

  /**
   * The distinct members of per-node forwarded all-to-alls; member k of a group moves the larger
   * of the mean entry (what every member sends) and its own (what it takes in), the busiest
   * member setting the collective, as for the direct all-to-all.
   */
  record Forwarded(List<ForwardedMember> members, int[][] memberOf) {
    long picos(List<Long> entries) {
      double mean = entries.stream().mapToLong(Long::longValue).average().orElse(0);
      long sent = Math.round(mean);
      long slowest = 0;
      for (int[] group : memberOf) {
        if (group.length != entries.size()) {
          throw new IllegalArgumentException("all-to-all bytes for " + entries.size()
              + " members; the group has " + group.length);
        }
        for (int k = 0; k < group.length; k++) {
          long bytes = Math.max(sent, entries.get(k));
          slowest = Math.max(slowest, members.get(group[k]).picos(bytes));
        }
      }
      return slowest;
    }
  }

  private int[][] groups(RankGroup group, int members) {
    return chips.groupsOf(group, members);
  }

  /** One leg of a ring member's step: its pair bandwidth and which share of the chunk it takes. */
  record LegCost(double bytesPerSecond, boolean rail) {}

  /** One port of a ring member: the legs it serialises and its slowest route. */
  record RingPort(List<LegCost> legs, long latencyPicos) {}

  /** One ring member: its ports, and the channels its ring runs (1: a plain ring). */
  record RingMember(List<RingPort> ports, int channels) {
    long picos(long chunk) {
      RingLegs share = new RingLegs(List.of(), channels);
      long slowest = 0;
      for (RingPort p : ports) {
        long serial = 0;
        for (LegCost l : p.legs()) {
          serial += LinkSpec.serializationPicos(
              share.bytes(new RingLegs.Leg(0, l.rail()), chunk), l.bytesPerSecond());
        }
        slowest = Math.max(slowest, serial + p.latencyPicos());
      }
      return slowest;
    }
  }

  /**
   * The distinct members of some rings; a step of chunk {@code c} on a member lasts its busiest
   * port (its legs serialised, then the port's slowest route), the ring's step its slowest member.
   */
  record RingSteps(List<RingMember> members) {
    long slowestPicos(long chunk) {
      long slowest = 0;
      for (RingMember m : members) {
        slowest = Math.max(slowest, m.picos(chunk));
      }
      return slowest;
    }
  }

  private RingSteps ringSteps(int[][] groups, boolean ring) {
    List<RingMember> members = new ArrayList<>();
    for (int[] g : groups) {
      if (g.length < 2) {
        continue;
      }
      RingLegs legs = ring ? RingLegs.of(g, routes)
          : new RingLegs(List.of(List.of(new RingLegs.Leg(g[1], false))), 1);
      for (int a = 0; a < legs.legs().size(); a++) {
        TreeMap<Integer, List<LegCost>> byPort = new TreeMap<>();
        TreeMap<Integer, Long> latency = new TreeMap<>();
        for (RingLegs.Leg l : legs.legs().get(a)) {
          int port = routes.port(g[a], l.to());
          byPort.computeIfAbsent(port, k -> new ArrayList<>())
              .add(new LegCost(routes.bytesPerSecond(g[a], l.to()), l.rail()));
          latency.merge(port, routes.latencyPicos(g[a], l.to()), Math::max);
        }
        List<RingPort> ports = new ArrayList<>();
        for (var e : byPort.entrySet()) {
          ports.add(new RingPort(List.copyOf(e.getValue()), latency.get(e.getKey())));
        }
        // Port numbers differ from chip to chip; what they carry is what times the member.
        ports.sort((x, y) -> x.toString().compareTo(y.toString()));
        RingMember m = new RingMember(List.copyOf(ports), legs.channels());
        if (!members.contains(m)) {
          members.add(m);
        }
      }
    }
    return new RingSteps(List.copyOf(members));
  }

  /** How one member's blocks leave: per port, peers by pair bandwidth and the worst latency. */
  record Sender(List<PortLoad> ports) {}

  /** One port of a sender: how many peers at each pair bandwidth, and the slowest route. */
  record PortLoad(List<Double> bytesPerSecond, List<Integer> peers, long latencyPicos) {}

  /** The all-to-alls of {@code groups} (each a list of chips, all of one size). */
  AllToAll allToAll(int[][] groups) {
    Map<Sender, Integer> distinct = new LinkedHashMap<>();
    int[][] senderOf = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      senderOf[g] = new int[groups[g].length];
      for (int a = 0; a < groups[g].length; a++) {
        senderOf[g][a] = distinct.computeIfAbsent(sender(groups[g], a), s -> distinct.size());
      }
    }
    return new AllToAll(List.copyOf(distinct.keySet()), senderOf);
  }

  private Sender sender(int[] group, int a) {
    // Port (first link) -> (pair bandwidth -> peers), and the port's slowest route.
    TreeMap<Integer, TreeMap<Double, Integer>> peers = new TreeMap<>();
    TreeMap<Integer, Long> latency = new TreeMap<>();
    for (int b = 0; b < group.length; b++) {
      if (b != a) {
        int port = routes.port(group[a], group[b]);
        peers.computeIfAbsent(port, k -> new TreeMap<>())
            .merge(routes.bytesPerSecond(group[a], group[b]), 1, Integer::sum);
        latency.merge(port, routes.latencyPicos(group[a], group[b]), Math::max);
      }
    }
    List<PortLoad> ports = new ArrayList<>();
    for (var e : peers.entrySet()) {
      ports.add(new PortLoad(List.copyOf(e.getValue().keySet()),
          List.copyOf(e.getValue().values()), latency.get(e.getKey())));
    }
    // Port numbers differ from chip to chip; what they carry is what times the member.
    ports.sort((x, y) -> x.toString().compareTo(y.toString()));
    return new Sender(List.copyOf(ports));
  }

  /** The distinct senders of some all-to-all groups, and which one each member of each is. */
  record AllToAll(List<Sender> senders, int[][] senderOf) {
    /**
     * Member k of every group moves {@code remoteBytes.get(k)} to or from the others, every
     * member sending the mean: each is priced on the larger of the two, its busiest port
     * setting it, and the busiest member the collective.
     */
    long picos(List<Long> remoteBytes) {
      int n = remoteBytes.size();
      double mean = remoteBytes.stream().mapToLong(Long::longValue).average().orElse(0);
      long sent = Math.round(mean);
      long slowest = 0;
      for (int[] group : senderOf) {
        if (group.length != n) {
          throw new IllegalArgumentException(
              "all-to-all bytes for " + n + " members; the group has " + group.length);
        }
        for (int k = 0; k < n; k++) {
          long bytes = Math.max(sent, remoteBytes.get(k));
          slowest = Math.max(slowest, picos(senders.get(group[k]), ceilDiv(bytes, n - 1)));
        }
      }
      return slowest;
    }

    private static long picos(Sender s, long block) {
      long slowest = 0;
      for (PortLoad p : s.ports()) {
        long serial = 0;
        for (int i = 0; i < p.peers().size(); i++) {
          serial += p.peers().get(i)
              * LinkSpec.serializationPicos(block, p.bytesPerSecond().get(i));
        }
        slowest = Math.max(slowest, serial + p.latencyPicos());
      }
      return slowest;
    }
  }

  private static long ceilDiv(long bytes, int n) {
    return bytes / n + (bytes % n == 0 ? 0 : 1);
  }
}
