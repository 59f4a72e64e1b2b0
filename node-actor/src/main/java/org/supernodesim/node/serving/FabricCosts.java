package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * Closed forms of an instance's collectives over its chips' real routes, timed as the analytical
 * transport times them (alpha-beta per transfer, a chip's port serialising what leaves on it):
 *
 * <ul>
 *   <li>all-to-all (EP dispatch and combine; direct, as NCCL's and DeepEP's): member a cuts its
 *       send buffer S_a into n blocks and sends n - 1 of them at once; each port it sends on
 *       serialises its blocks, the last then crosses its route, so T_a = max over ports p of
 *       (sum of block / pair bandwidth over p's peers + the largest route latency of p), and the
 *       collective takes the busiest member's T_a. On one switch that is alpha + (n-1)/n S/B; a
 *       group spanning nodes puts the remote blocks on the scale-out port (the NIC), so the
 *       scale-out bandwidth sets it.
 *   <li>ring all-reduce and all-gather (TP, DP attention): 2(n-1) (or n-1) steps of ceil(S/n)
 *       bytes, each as slow as the ring's slowest hop (latency plus chunk over the pair's
 *       bandwidth), as {@code Ring.estimatePicos}.
 * </ul>
 *
 * Members with the same ports, peers per bandwidth and latency time alike, so each profile keeps
 * the distinct ones and a step prices a handful, not every chip: the representative-member
 * shortcut, exact because a member's time depends on nothing else. It equals the full path (the
 * transfers run one by one on the analytical transport) where each port's routes have one latency
 * (one switch, a Clos, a hierarchy under one scale-out tier); elsewhere it bounds it from above by
 * the latency spread. A test holds it to the full path.
 */
final class FabricCosts {
  private final Router router;

  FabricCosts(Router router) {
    this.router = router;
  }

  /** How one member's sends leave: per port, peers by pair bandwidth and the worst latency. */
  record Sender(List<PortLoad> ports) {}

  /** One port of a sender: how many peers at each pair bandwidth, and the slowest route. */
  record PortLoad(List<Double> bytesPerSecond, List<Integer> peers, long latencyPicos) {}

  /** One hop of a ring: pair bandwidth and route latency. */
  record Hop(double bytesPerSecond, long latencyPicos) {}

  /** The all-to-alls of {@code groups} (each a list of chips, all of one size). */
  AllToAll allToAll(int[][] groups) {
    Map<Sender, Integer> distinct = new LinkedHashMap<>();
    int[][] senderOf = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      int[] chips = groups[g];
      senderOf[g] = new int[chips.length];
      for (int a = 0; a < chips.length; a++) {
        Sender s = sender(chips, a);
        Integer id = distinct.get(s);
        if (id == null) {
          id = distinct.size();
          distinct.put(s, id);
        }
        senderOf[g][a] = id;
      }
    }
    return new AllToAll(groups.length == 0 ? 1 : groups[0].length,
        List.copyOf(distinct.keySet()), senderOf);
  }

  /** The rings of {@code groups} (each a list of chips in ring order, all of one size). */
  RingProfile ring(int[][] groups) {
    List<Hop> hops = new ArrayList<>();
    for (int[] chips : groups) {
      for (int p = 0; p < chips.length && chips.length > 1; p++) {
        int a = chips[p];
        int b = chips[(p + 1) % chips.length];
        Hop h = new Hop(router.pairBytesPerSecond(a, b), router.route(a, b).latencyPicos());
        if (!hops.contains(h)) {
          hops.add(h);
        }
      }
    }
    return new RingProfile(groups.length == 0 ? 1 : groups[0].length, List.copyOf(hops));
  }

  /** Picoseconds for one send of {@code bytes} from chip {@code from} to chip {@code to}. */
  long transferPicos(int from, int to, long bytes) {
    return router.route(from, to).latencyPicos()
        + LinkSpec.serializationPicos(bytes, router.pairBytesPerSecond(from, to));
  }

  /** The route from chip {@code from} to chip {@code to}. */
  Route route(int from, int to) {
    return router.route(from, to);
  }

  private Sender sender(int[] chips, int a) {
    // Port (first link) -> (bandwidth -> peers), and the port's slowest route.
    TreeMap<Integer, TreeMap<Double, Integer>> peers = new TreeMap<>();
    TreeMap<Integer, Long> latency = new TreeMap<>();
    for (int b = 0; b < chips.length; b++) {
      if (b == a) {
        continue;
      }
      Route route = router.route(chips[a], chips[b]);
      int port = route.links().get(0).index();
      peers.computeIfAbsent(port, k -> new TreeMap<>())
          .merge(router.pairBytesPerSecond(chips[a], chips[b]), 1, Integer::sum);
      latency.merge(port, route.latencyPicos(), Math::max);
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

  /**
   * The all-to-alls of an instance's groups of {@code members} chips: the distinct senders, and
   * which one each member of each group is.
   */
  record AllToAll(int members, List<Sender> senders, int[][] senderOf) {
    /** Every member sends {@code sendBytes} (its whole buffer, its own block included). */
    long picos(long sendBytes) {
      if (members < 2) {
        return 0;
      }
      long slowest = 0;
      for (Sender s : senders) {
        slowest = Math.max(slowest, picos(s, sendBytes));
      }
      return slowest;
    }

    /**
     * Member k of every group sends {@code sendBytes[k]} (an uneven load: the busiest member, on
     * its own ports, sets the time).
     */
    long picos(long[] sendBytes) {
      if (members < 2) {
        return 0;
      }
      if (sendBytes.length != members) {
        throw new IllegalArgumentException(
            "per-member bytes for " + members + " members: " + sendBytes.length);
      }
      long slowest = 0;
      for (int[] group : senderOf) {
        for (int k = 0; k < group.length; k++) {
          slowest = Math.max(slowest, picos(senders.get(group[k]), sendBytes[k]));
        }
      }
      return slowest;
    }

    private long picos(Sender s, long sendBytes) {
      long block = sendBytes / members + (sendBytes % members == 0 ? 0 : 1);
      long slowest = 0;
      for (PortLoad p : s.ports()) {
        long serial = 0;
        for (int i = 0; i < p.peers().size(); i++) {
          serial += p.peers().get(i) * LinkSpec.serializationPicos(block, p.bytesPerSecond().get(i));
        }
        slowest = Math.max(slowest, serial + p.latencyPicos());
      }
      return slowest;
    }
  }

  /** The rings of an instance's groups of {@code members} chips: their distinct hops. */
  record RingProfile(int members, List<Hop> hops) {
    /** A ring all-reduce of {@code bytes} per member: 2(n-1) steps of ceil(S/n). */
    long allReducePicos(long bytes) {
      return 2L * (members - 1) * stepPicos(bytes);
    }

    /** A ring all-gather to {@code bytes} per member: n-1 steps of ceil(S/n). */
    long allGatherPicos(long bytes) {
      return (members - 1L) * stepPicos(bytes);
    }

    private long stepPicos(long bytes) {
      long chunk = bytes / members + (bytes % members == 0 ? 0 : 1);
      long slowest = 0;
      for (Hop h : hops) {
        slowest = Math.max(slowest,
            h.latencyPicos() + LinkSpec.serializationPicos(chunk, h.bytesPerSecond()));
      }
      return slowest;
    }
  }
}
