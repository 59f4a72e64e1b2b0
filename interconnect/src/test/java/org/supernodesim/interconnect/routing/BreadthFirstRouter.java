package org.supernodesim.interconnect.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.interconnect.topology.Topology.Link;

/**
 * The router as it was before hop counts came from switch distances: one breadth-first search
 * per destination over every vertex. Kept as the oracle that {@link Router} must match link for
 * link.
 *
 * <p>Shortest paths by hop count with deterministic equal-cost multi-path (ECMP): where several
 * links lead one hop closer to the destination, a flow takes the one a hash of (source,
 * destination, flow id, hop) picks among them in link-index order, as a switch hashes a packet's
 * header. The hash is SplitMix64's finaliser (Steele, Lea and Flood, OOPSLA 2014), written out
 * here so that routes never depend on a hash map, a JVM or a run.
 *
 * <p>Chips do not forward. In a hierarchy, a pair inside one scale-up domain stays on it.
 */
final class BreadthFirstRouter {
  private final Topology topology;
  private final List<List<Link>> incoming;
  // Caches only: each value is a pure function of its key, so which thread fills it is moot.
  private final ConcurrentHashMap<Long, Route> routes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, int[]> hopsTo = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Double> pairBandwidth = new ConcurrentHashMap<>();

  BreadthFirstRouter(Topology topology) {
    this.topology = topology;
    List<List<Link>> in = new ArrayList<>(topology.vertices());
    for (int v = 0; v < topology.vertices(); v++) {
      in.add(new ArrayList<>());
    }
    for (Link l : topology.links()) {
      in.get(l.to()).add(l);
    }
    this.incoming = in;
  }

  public Topology topology() {
    return topology;
  }

  /** The route of flow 0 from chip {@code source} to chip {@code destination}; kept once found. */
  public Route route(int source, int destination) {
    checkPair(source, destination);
    long key = ((long) source << 32) | destination;
    return routes.computeIfAbsent(key, k -> route(source, destination, 0L));
  }

  /**
   * The route of flow {@code flowId} from chip {@code source} to chip {@code destination}: a
   * shortest path, the same for the same arguments on every run.
   */
  public Route route(int source, int destination, long flowId) {
    checkPair(source, destination);
    int[] hops = hopsTo(destination, sameDomain(source, destination));
    if (hops[source] == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "chip " + destination + " cannot be reached from chip " + source);
    }
    List<Link> path = new ArrayList<>(hops[source]);
    walk(source, source, destination, flowId, hops, path);
    return Route.of(path);
  }

  /**
   * The bandwidth one transfer between two chips reaches alone: it is striped over {@link
   * #stripedRoutes} in equal shares, so its rate is the smallest, over the links it crosses, of
   * the link's bandwidth over the share of the transfer on it. CloudMatrix384: 14 stripes (2 per
   * UB plane), 392 GB/s within a node and between nodes; one switch: the link's bandwidth.
   */
  public double pairBytesPerSecond(int source, int destination) {
    checkPair(source, destination);
    long key = ((long) source << 32) | destination;
    return pairBandwidth.computeIfAbsent(key, k -> {
      LinkShares shares = linkShares(stripedRoutes(source, destination, 0));
      double rate = Double.POSITIVE_INFINITY;
      for (int i = 0; i < shares.links().length; i++) {
        double bandwidth = topology.links().get(shares.links()[i]).spec().bytesPerSecond();
        rate = Math.min(rate, bandwidth / shares.shares()[i]);
      }
      return rate;
    });
  }

  /**
   * The links a transfer striped evenly over {@code stripes} crosses, each with its share of the
   * transfer, in the order first met.
   */
  public record LinkShares(int[] links, double[] shares) {}

  /** The share of a transfer each link carries when it is cut evenly over {@code stripes}. */
  public static LinkShares linkShares(List<Route> stripes) {
    int[] links = new int[8];
    double[] shares = new double[8];
    int count = 0;
    double share = 1.0 / stripes.size();
    for (Route r : stripes) {
      for (Link l : r.links()) {
        int i = 0;
        while (i < count && links[i] != l.index()) {
          i++;
        }
        if (i == count) {
          if (count == links.length) {
            links = Arrays.copyOf(links, 2 * count);
            shares = Arrays.copyOf(shares, 2 * count);
          }
          links[count++] = l.index();
        }
        shares[i] += share;
      }
    }
    return new LinkShares(Arrays.copyOf(links, count), Arrays.copyOf(shares, count));
  }

  /**
   * The routes of a transfer striped over every parallel path a chip uses at once, as NCCL
   * spreads a transfer over channels and HCCL over UB planes: one stripe per first hop toward
   * the destination (per UB plane or port), and where the next hop's links are narrower than the
   * first (CloudMatrix384: a 56 GB/s plane link, 28 GB/s L2 uplinks), as many stripes per first
   * hop as it takes to fill it, on distinct next-hop links. Beyond that each stripe goes by ECMP
   * on {@code flowId}.
   */
  public List<Route> stripedRoutes(int source, int destination, long flowId) {
    checkPair(source, destination);
    int[] hops = hopsTo(destination, sameDomain(source, destination));
    List<Route> routes = new ArrayList<>();
    for (Link first : topology.outgoing(source)) {
      if (!onShortestPath(first, hops, source, destination)) {
        continue;
      }
      List<Link> next = new ArrayList<>();
      if (first.to() != destination) {
        for (Link l : topology.outgoing(first.to())) {
          if (onShortestPath(l, hops, source, destination)) {
            next.add(l);
          }
        }
      }
      double narrowest = Double.POSITIVE_INFINITY;
      for (Link l : next) {
        narrowest = Math.min(narrowest, l.spec().bytesPerSecond());
      }
      int sub = next.isEmpty() ? 1
          : (int) Math.min(next.size(),
              Math.max(1, Math.round(first.spec().bytesPerSecond() / narrowest)));
      int offset = next.size() <= 1 ? 0
          : pick(source, destination, flowId + routes.size(), 1, next.size());
      for (int j = 0; j < sub; j++) {
        List<Link> path = new ArrayList<>();
        path.add(first);
        if (!next.isEmpty()) {
          Link second = next.get((offset + j) % next.size());
          path.add(second);
          walk(second.to(), source, destination, flowId + routes.size(), hops, path);
        }
        routes.add(Route.of(path));
      }
    }
    return routes;
  }

  private boolean sameDomain(int source, int destination) {
    return topology.hasDomains() && topology.domainOf(source) == topology.domainOf(destination);
  }

  private boolean onShortestPath(Link l, int[] hops, int source, int destination) {
    int to = l.to();
    boolean entersOtherChip = to < topology.chips() && to != destination;
    return hops[l.from()] != Integer.MAX_VALUE
        && hops[to] == hops[l.from()] - 1
        && !entersOtherChip
        && topology.usableBetween(l, source, destination);
  }

  /** Extends {@code path} from vertex {@code from} to the destination, ECMP on {@code flowId}. */
  private void walk(int from, int source, int destination, long flowId, int[] hops, List<Link> path) {
    Link[] candidates = new Link[16];
    int v = from;
    while (v != destination) {
      int count = 0;
      for (Link l : topology.outgoing(v)) {
        if (onShortestPath(l, hops, source, destination)) {
          if (count == candidates.length) {
            candidates = Arrays.copyOf(candidates, 2 * count);
          }
          candidates[count++] = l;
        }
      }
      Link next = candidates[count == 1 ? 0 : pick(source, destination, flowId, path.size(), count)];
      path.add(next);
      v = next.to();
    }
  }

  private static int pick(int source, int destination, long flowId, int hop, int count) {
    return Router.pick(source, destination, flowId, hop, count);
  }

  private void checkPair(int source, int destination) {
    int chips = topology.chips();
    if (source < 0 || source >= chips || destination < 0 || destination >= chips) {
      throw new IllegalArgumentException(
          "chips are 0.." + (chips - 1) + ": " + source + " -> " + destination);
    }
    if (source == destination) {
      throw new IllegalArgumentException("no route from chip " + source + " to itself");
    }
  }

  /**
   * Hops from each vertex to {@code destination} (MAX_VALUE where unreachable), by breadth-first
   * search backwards; chips other than the destination end paths, never continue them.
   */
  private int[] hopsTo(int destination, boolean sameDomain) {
    int key = destination * 2 + (sameDomain ? 1 : 0);
    return hopsTo.computeIfAbsent(
        key,
        k -> {
          int[] hops = new int[topology.vertices()];
          Arrays.fill(hops, Integer.MAX_VALUE);
          int[] queue = new int[topology.vertices()];
          int head = 0;
          int tail = 0;
          hops[destination] = 0;
          queue[tail++] = destination;
          while (head < tail) {
            int v = queue[head++];
            for (Link l : incoming.get(v)) {
              int u = l.from();
              // Inside a domain, a pair stays off the links reserved for crossing domains.
              boolean allowed = !sameDomain || topology.usableBetween(l, destination, destination);
              if (hops[u] == Integer.MAX_VALUE && allowed) {
                hops[u] = hops[v] + 1;
                if (u >= topology.chips()) {
                  queue[tail++] = u;
                }
              }
            }
          }
          return hops;
        });
  }

  @Override
  public String toString() {
    return "Router" + Arrays.asList(topology.chips(), topology.links().size());
  }
}
