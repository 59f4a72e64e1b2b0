package org.supernodesim.interconnect.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.interconnect.topology.Topology.Link;

/**
 * Shortest paths by hop count with deterministic equal-cost multi-path (ECMP): where several
 * links lead one hop closer to the destination, a flow takes the one a hash of (source,
 * destination, flow id, hop) picks among them in link-index order, as a switch hashes a packet's
 * header. The hash is SplitMix64's finaliser (Steele, Lea and Flood, OOPSLA 2014), written out
 * here so that routes never depend on a hash map, a JVM or a run.
 *
 * <p>Chips do not forward. In a hierarchy, a pair inside one scale-up domain stays on it.
 *
 * <p>Hop counts come from switch-to-switch distances, searched once per switch that a chip hangs
 * off (breadth first, backwards, over switches only) and kept in flat arrays, never per pair or
 * per destination: a chip's distance to a destination is one more than the nearest of the
 * switches the destination hangs off. Memory is one row of switch distances per such switch: a
 * single switch of a million chips holds one row of one entry. A route then costs its length
 * times the switch links it may take, not the size of the fabric: at a switch one hop from the
 * destination only the links into the destination are looked at, elsewhere only the links to
 * other switches. The result is the same path a breadth-first search per destination gives
 * (tested link for link against one).
 */
public final class Router {
  private static final int UNREACHABLE = Integer.MAX_VALUE;
  private static final Link[] NO_LINKS = {};
  private static final int[] NO_PEERS = {};

  private final Topology topology;
  private final int chips;
  // Per vertex, the links entering it, in index order.
  private final List<List<Link>> incoming;
  // Per switch (vertex - chips): the links it has to other switches, in index order.
  private final Link[][] switchLinks;
  // Per switch, its distances in hops from every switch (index vertex - chips), UNREACHABLE
  // where none; rows over every link, and rows off the links that cross domains. Filled on first
  // use; each row is a pure function of the topology, so which thread fills it is moot.
  private final AtomicReferenceArray<int[]> distancesTo;
  private final AtomicReferenceArray<int[]> distancesInDomainTo;
  // Caches of flow 0's route and the striped bandwidth per pair, a row per source made on first
  // use, up to CACHED_CHIPS chips (16 MiB of references per cache at most). Routes are immutable,
  // so a row's entries need no lock.
  private static final int CACHED_CHIPS = 2048;
  private final AtomicReferenceArray<Route[]> routeRows;
  private final AtomicReferenceArray<Double[]> bandwidthRows;
  // Beyond CACHED_CHIPS, the last few destinations of each source (a few references per chip):
  // a chip of a 16,384-chip training step turns between its groups' ring neighbours, and found
  // its routes afresh at every turn.
  private final RecentPairs<Route> recentRoutes;
  private final RecentPairs<Double> recentBandwidths;
  // Per chip, for routes found by arithmetic (see direct): its only link out and its only link in
  // (null where it has several, or none), and the chips its direct links reach, sorted, with those
  // links (a full mesh, a torus).
  private final Link[] onlyLinkOut;
  private final Link[] onlyLinkIn;
  private final int[][] directPeers;
  private final Link[][] directLinks;

  public Router(Topology topology) {
    this.topology = topology;
    this.chips = topology.chips();
    int switches = topology.vertices() - chips;
    List<List<Link>> in = new ArrayList<>(topology.vertices());
    for (int v = 0; v < topology.vertices(); v++) {
      in.add(new ArrayList<>(2));
    }
    List<List<Link>> up = new ArrayList<>(switches);
    for (int s = 0; s < switches; s++) {
      up.add(new ArrayList<>());
    }
    for (Link l : topology.links()) {
      in.get(l.to()).add(l);
      if (l.from() >= chips && l.to() >= chips) {
        up.get(l.from() - chips).add(l);
      }
    }
    this.incoming = in;
    this.switchLinks = new Link[switches][];
    for (int s = 0; s < switches; s++) {
      switchLinks[s] = up.get(s).toArray(Link[]::new);
    }
    this.distancesTo = new AtomicReferenceArray<>(switches);
    this.distancesInDomainTo = new AtomicReferenceArray<>(switches);
    boolean cached = chips <= CACHED_CHIPS;
    this.routeRows = cached ? new AtomicReferenceArray<>(chips) : null;
    this.bandwidthRows = cached ? new AtomicReferenceArray<>(chips) : null;
    this.recentRoutes = new RecentPairs<>(chips, (s, d) -> route(s, d, 0L));
    this.recentBandwidths = new RecentPairs<>(chips, this::stripedBytesPerSecond);
    this.onlyLinkOut = new Link[chips];
    this.onlyLinkIn = new Link[chips];
    this.directPeers = new int[chips][];
    this.directLinks = new Link[chips][];
    for (int c = 0; c < chips; c++) {
      List<Link> out = topology.outgoing(c);
      onlyLinkOut[c] = out.size() == 1 ? out.get(0) : null;
      onlyLinkIn[c] = in.get(c).size() == 1 ? in.get(c).get(0) : null;
      directLinks[c] = NO_LINKS;
      directPeers[c] = NO_PEERS;
      if (out.stream().anyMatch(l -> l.to() < chips)) {
        Link[] direct = out.stream().filter(l -> l.to() < chips)
            .sorted(Comparator.comparingInt(Link::to).thenComparingInt(Link::index))
            .toArray(Link[]::new);
        directLinks[c] = direct;
        directPeers[c] = Arrays.stream(direct).mapToInt(Link::to).toArray();
      }
    }
  }

  /**
   * The route between two chips when arithmetic finds it, else null: a pair joined by exactly
   * one direct link (a full mesh, torus neighbours) takes it, the only one-hop path; a chip whose
   * only link goes to a switch that has the destination's only link in (a single switch, chips
   * under one leaf) takes those two, the only two-hop path with no direct link. In both cases there
   * is one shortest path, so ECMP and striping have nothing to choose: this is the path the search
   * finds (tested link for link against it), found with no search and kept nowhere, so a
   * million-chip single switch needs no memory per pair.
   */
  private Route direct(int source, int destination) {
    int[] peers = directPeers[source];
    int at = peers.length == 0 ? -1 : Arrays.binarySearch(peers, destination);
    if (at >= 0) {
      boolean one = (at == 0 || peers[at - 1] != destination)
          && (at == peers.length - 1 || peers[at + 1] != destination);
      Link l = directLinks[source][at];
      return one && topology.usableBetween(l, source, destination) ? Route.of(List.of(l)) : null;
    }
    Link up = onlyLinkOut[source];
    Link down = onlyLinkIn[destination];
    if (up == null || down == null || up.to() < chips || up.to() != down.from()
        || !topology.usableBetween(up, source, destination)
        || !topology.usableBetween(down, source, destination)) {
      return null;
    }
    return Route.of(List.of(up, down));
  }

  /**
   * Source {@code source}'s row, made by {@code empty} on first use only (a row is a chip count of
   * references: made on every call, it was most of a chip run's garbage).
   */
  private static <T> T[] row(AtomicReferenceArray<T[]> rows, int source, IntFunction<T[]> empty) {
    T[] row = rows.get(source);
    if (row == null) {
      rows.compareAndSet(source, null, empty.apply(rows.length()));
      row = rows.get(source);
    }
    return row;
  }

  public Topology topology() {
    return topology;
  }

  /** The route of flow 0 from chip {@code source} to chip {@code destination}; kept once found. */
  public Route route(int source, int destination) {
    checkPair(source, destination);
    Route direct = direct(source, destination);
    if (direct != null) {
      return direct;
    }
    if (routeRows == null) {
      return recentRoutes.get(source, destination);
    }
    Route[] row = row(routeRows, source, Route[]::new);
    Route r = row[destination];
    if (r == null) {
      r = route(source, destination, 0L);
      row[destination] = r;
    }
    return r;
  }

  /**
   * The route of flow {@code flowId} from chip {@code source} to chip {@code destination}: a
   * shortest path, the same for the same arguments on every run.
   */
  public Route route(int source, int destination, long flowId) {
    checkPair(source, destination);
    Route direct = direct(source, destination);
    if (direct != null) {
      return direct;
    }
    Hops hops = new Hops(destination, sameDomain(source, destination));
    int fromSource = hops.of(source);
    if (fromSource == UNREACHABLE) {
      throw new IllegalArgumentException(
          "chip " + destination + " cannot be reached from chip " + source);
    }
    List<Link> path = new ArrayList<>(fromSource);
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
    Route direct = direct(source, destination);
    if (direct != null) {
      // One stripe: each link carries the whole transfer (a share of 1).
      return direct.bottleneckBytesPerSecond();
    }
    if (bandwidthRows == null) {
      return recentBandwidths.get(source, destination);
    }
    Double[] row = row(bandwidthRows, source, Double[]::new);
    Double rate = row[destination];
    if (rate == null) {
      rate = stripedBytesPerSecond(source, destination);
      row[destination] = rate;
    }
    return rate;
  }

  private double stripedBytesPerSecond(int source, int destination) {
    LinkShares shares = linkShares(stripedRoutes(source, destination, 0));
    double rate = Double.POSITIVE_INFINITY;
    for (int i = 0; i < shares.links().length; i++) {
      double bandwidth = topology.links().get(shares.links()[i]).spec().bytesPerSecond();
      rate = Math.min(rate, bandwidth / shares.shares()[i]);
    }
    return rate;
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
    Route direct = direct(source, destination);
    if (direct != null) {
      return List.of(direct);
    }
    Hops hops = new Hops(destination, sameDomain(source, destination));
    List<Route> routes = new ArrayList<>();
    Candidates found = new Candidates();
    for (Link first : topology.outgoing(source)) {
      if (!onShortestPath(first, hops, source, destination)) {
        continue;
      }
      List<Link> next = new ArrayList<>();
      if (first.to() != destination) {
        nextHops(first.to(), source, destination, hops, found);
        for (int i = 0; i < found.count; i++) {
          next.add(found.links[i]);
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

  private boolean onShortestPath(Link l, Hops hops, int source, int destination) {
    int to = l.to();
    boolean entersOtherChip = to < chips && to != destination;
    if (entersOtherChip || !topology.usableBetween(l, source, destination)) {
      return false;
    }
    int from = hops.of(l.from());
    return from != UNREACHABLE && hops.of(to) == from - 1;
  }

  /** Links found by {@link #nextHops}: a buffer reused along one route, grown as needed. */
  private static final class Candidates {
    Link[] links = new Link[16];
    int count;

    void add(Link l) {
      if (count == links.length) {
        links = Arrays.copyOf(links, 2 * count);
      }
      links[count++] = l;
    }
  }

  /**
   * The links out of vertex {@code v} that lead one hop closer to the destination, in index
   * order, into {@code found}. Only links that can qualify are
   * looked at: at a chip its own few links; at a switch one hop away the links into the
   * destination; elsewhere the switch's links to other switches (a link into a chip ends a path).
   */
  private void nextHops(int v, int source, int destination, Hops hops, Candidates found) {
    List<Link> candidates;
    Link[] array = null;
    if (v < chips) {
      candidates = topology.outgoing(v);
    } else if (hops.of(v) == 1) {
      candidates = incoming.get(destination);
    } else {
      candidates = null;
      array = switchLinks[v - chips];
    }
    int size = candidates != null ? candidates.size() : array.length;
    found.count = 0;
    for (int i = 0; i < size; i++) {
      Link l = candidates != null ? candidates.get(i) : array[i];
      if (l.from() == v && onShortestPath(l, hops, source, destination)) {
        found.add(l);
      }
    }
  }

  /** Extends {@code path} from vertex {@code from} to the destination, ECMP on {@code flowId}. */
  private void walk(int from, int source, int destination, long flowId, Hops hops, List<Link> path) {
    Candidates found = new Candidates();
    int v = from;
    while (v != destination) {
      nextHops(v, source, destination, hops, found);
      int count = found.count;
      Link next =
          found.links[count == 1 ? 0 : pick(source, destination, flowId, path.size(), count)];
      path.add(next);
      v = next.to();
    }
  }

  /** Which of {@code count} equal-cost links flow {@code flowId} takes at hop {@code hop}. */
  static int pick(int source, int destination, long flowId, int hop, int count) {
    long h = mix(((long) source << 32) ^ (destination & 0xffffffffL));
    h = mix(h + flowId);
    h = mix(h + hop);
    return (int) Long.remainderUnsigned(h, count);
  }

  /**
   * SplitMix64's finaliser: a bijection on 64 bits whose every output bit depends on every input.
   * Also what hash keys built of packed fields go through, so that they spread over a table's bins.
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private void checkPair(int source, int destination) {
    if (source < 0 || source >= chips || destination < 0 || destination >= chips) {
      throw new IllegalArgumentException(
          "chips are 0.." + (chips - 1) + ": " + source + " -> " + destination);
    }
    if (source == destination) {
      throw new IllegalArgumentException("no route from chip " + source + " to itself");
    }
  }

  /**
   * Hops from any vertex to one destination chip, as a breadth-first search backwards from it
   * would find them: chips other than the destination end paths, never continue them, and inside
   * one domain the links that cross domains are left out.
   */
  private final class Hops {
    private final int destination;
    private final boolean inDomain;
    // The switches the destination hangs off (by a usable link) and their distance rows.
    private final int[][] rows;

    Hops(int destination, boolean inDomain) {
      this.destination = destination;
      this.inDomain = inDomain;
      List<Link> in = incoming.get(destination);
      int[][] found = new int[in.size()][];
      int count = 0;
      for (Link l : in) {
        if (l.from() >= chips && allowed(l)) {
          found[count++] = distancesTo(l.from(), inDomain);
        }
      }
      this.rows = count == found.length ? found : Arrays.copyOf(found, count);
    }

    private boolean allowed(Link l) {
      return !inDomain || topology.usableBetween(l, destination, destination);
    }

    /** Hops from vertex {@code v} to the destination, UNREACHABLE if none. */
    int of(int v) {
      if (v == destination) {
        return 0;
      }
      if (v >= chips) {
        int best = UNREACHABLE;
        for (int[] row : rows) {
          best = Math.min(best, row[v - chips]);
        }
        return best == UNREACHABLE ? UNREACHABLE : best + 1;
      }
      int best = UNREACHABLE;
      for (Link l : topology.outgoing(v)) {
        int to = l.to();
        if ((to == destination || to >= chips) && allowed(l)) {
          int h = of(to);
          if (h != UNREACHABLE) {
            best = Math.min(best, h + 1);
          }
        }
      }
      return best;
    }
  }

  /**
   * Hops from every switch to switch {@code target} over switch-to-switch links (off those that
   * cross domains if {@code inDomain}), by breadth-first search backwards; found once per switch.
   */
  private int[] distancesTo(int target, boolean inDomain) {
    AtomicReferenceArray<int[]> cache = inDomain ? distancesInDomainTo : distancesTo;
    int[] row = cache.get(target - chips);
    if (row != null) {
      return row;
    }
    int switches = switchLinks.length;
    row = new int[switches];
    Arrays.fill(row, UNREACHABLE);
    int[] queue = new int[switches];
    int head = 0;
    int tail = 0;
    row[target - chips] = 0;
    queue[tail++] = target;
    while (head < tail) {
      int v = queue[head++];
      for (Link l : incoming.get(v)) {
        int u = l.from();
        boolean allowed = !inDomain || topology.usableBetween(l, target, target);
        if (u >= chips && allowed && row[u - chips] == UNREACHABLE) {
          row[u - chips] = row[v - chips] + 1;
          queue[tail++] = u;
        }
      }
    }
    cache.compareAndSet(target - chips, null, row);
    return cache.get(target - chips);
  }

  /** How many sources have a row of cached routes or bandwidths: none on arithmetic routes. */
  int cachedRows() {
    int rows = 0;
    for (int c = 0; routeRows != null && c < chips; c++) {
      rows += (routeRows.get(c) != null ? 1 : 0) + (bandwidthRows.get(c) != null ? 1 : 0);
    }
    return rows;
  }

  @Override
  public String toString() {
    return "Router" + Arrays.asList(topology.chips(), topology.links().size());
  }
}
