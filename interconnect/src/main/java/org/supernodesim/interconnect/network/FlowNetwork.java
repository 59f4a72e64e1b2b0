package org.supernodesim.interconnect.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.interconnect.topology.Topology.Link;
import org.supernodesim.model.units.Units;

/**
 * The flow-level model: each transfer is a fluid flow over the links of its ECMP route, the
 * chip's own injection and ejection links included, and flows crossing a link share it by max-min
 * fairness, found by progressive filling (Bertsekas and Gallager, "Data Networks", 2nd ed.,
 * section 6.5.2; as SimGrid's LMM solver, Velho et al., ACM TOMACS 23(4), 2013). A flow drains at
 * its rate; its transfer completes the route's latency after its last byte leaves, so one flow
 * alone takes exactly the analytical model's latency + bytes / bottleneck.
 *
 * <p>Rates are recomputed when a flow starts or drains, lazily (all starts and ends at one instant
 * cost one solve) and incrementally: only the flows connected to a changed link through shared
 * links are solved again; other components keep their rates. A solve's floating-point operations
 * run in an order fixed by the flows' start order, so the same inputs give the same picoseconds on
 * every machine. Not thread-safe: one network belongs to one logical process.
 */
public final class FlowNetwork {
  private final Router router;
  private final Topology topology;
  private final double[] capacity;
  private final List<List<Flow>> flowsOn;
  private final boolean[] dirty;
  private final int[] dirtyLinks;
  private int dirtyCount;

  private final long[] linkBytes;
  private final long[] busyPicos;
  private final long[] busySince;

  // Drain ends, lazily invalidated: an entry is stale once its flow's drain end has moved.
  private final PriorityQueue<DrainEnd> draining =
      new PriorityQueue<>(
          Comparator.comparingLong(DrainEnd::picos).thenComparingLong(e -> e.flow().seq));
  // Only looked up, never iterated.
  private final HashMap<Long, Flow> byId = new HashMap<>();
  private final PriorityQueue<Flow> delivering =
      new PriorityQueue<>(
          Comparator.comparingLong((Flow f) -> f.completionPicos).thenComparingLong(f -> f.seq));

  // Scratch for solves, sized once.
  private final double[] remainingCapacity;
  private final int[] unfrozen;
  private final int[] linkEpoch;
  // A binary min-heap of (share, link), ties to the lower link index so solves are reproducible.
  private double[] shares = new double[64];
  private int[] heapLinks = new int[64];
  private int heapSize;
  private int epoch;

  private long nowPicos;
  private long nextSeq;
  private int inFlight;
  private long solves;
  private long flowEvents;

  public FlowNetwork(Router router) {
    this.router = router;
    this.topology = router.topology();
    int links = topology.links().size();
    capacity = new double[links];
    flowsOn = new ArrayList<>(links);
    for (Link l : topology.links()) {
      capacity[l.index()] = l.spec().bytesPerSecond();
      flowsOn.add(new ArrayList<>());
    }
    dirty = new boolean[links];
    dirtyLinks = new int[links];
    linkBytes = new long[links];
    busyPicos = new long[links];
    busySince = new long[links];
    remainingCapacity = new double[links];
    unfrozen = new int[links];
    linkEpoch = new int[links];
  }

  /** Starts {@code transfer} at {@code nowPicos}, no earlier than the network's current time. */
  public void start(Transfer transfer, long nowPicos) {
    advanceNetwork(nowPicos);
    Route route = router.route(transfer.source(), transfer.destination(), transfer.id());
    Flow f = new Flow(transfer, route, nextSeq++);
    if (byId.putIfAbsent(transfer.id(), f) != null) {
      throw new IllegalArgumentException("transfer " + transfer.id() + " is already in flight");
    }
    inFlight++;
    flowEvents++;
    if (transfer.bytes() == 0) {
      f.completionPicos = nowPicos + route.latencyPicos();
      delivering.add(f);
      return;
    }
    f.lastPicos = nowPicos;
    for (int l : f.links) {
      if (flowsOn.get(l).isEmpty()) {
        busySince[l] = nowPicos;
      }
      flowsOn.get(l).add(f);
      markDirty(l);
    }
  }

  /**
   * The next instant at which a transfer completes or a flow drains and so changes other flows'
   * rates; {@code Long.MAX_VALUE} if nothing is in flight. Advancing to it may complete nothing.
   */
  public long nextCompletionPicos() {
    solveIfDirty();
    long next = Long.MAX_VALUE;
    DrainEnd d = peekDraining();
    if (d != null) {
      next = d.picos();
    }
    if (!delivering.isEmpty()) {
      next = Math.min(next, delivering.peek().completionPicos);
    }
    return next;
  }

  /**
   * Advances to {@code nowPicos}; returns the transfers completed by then, ordered by completion
   * time, then start order.
   */
  public List<Transfer> advanceTo(long nowPicos) {
    advanceNetwork(nowPicos);
    List<Transfer> done = new ArrayList<>();
    while (!delivering.isEmpty() && delivering.peek().completionPicos <= nowPicos) {
      Flow f = delivering.poll();
      done.add(f.transfer);
      byId.remove(f.transfer.id());
      inFlight--;
    }
    return done;
  }

  /** Transfers started and not yet returned by {@link #advanceTo}. */
  public int inFlight() {
    return inFlight;
  }

  /** The network's current time: the latest instant it was started or advanced at. */
  public long nowPicos() {
    return nowPicos;
  }

  /** Flow starts plus flow drains so far: the events that make the max-min solver work. */
  public long flowEvents() {
    return flowEvents;
  }

  /** Max-min solves so far (one per instant at which something started or drained). */
  public long solves() {
    return solves;
  }

  /** The current max-min rate of transfer {@code id} in bytes per second, or 0 if not draining. */
  public double rateBytesPerSecond(long id) {
    solveIfDirty();
    Flow f = byId.get(id);
    return f == null || f.drained ? 0 : f.rate;
  }

  /** Every link's usage up to now, busiest first (by utilisation, then link index). */
  public List<LinkUsage> busiestLinks(int limit) {
    List<LinkUsage> all = new ArrayList<>();
    double seconds = nowPicos / Units.PICOS_PER_SECOND;
    for (Link l : topology.links()) {
      int i = l.index();
      long busy = busyPicos[i] + (flowsOn.get(i).isEmpty() ? 0 : nowPicos - busySince[i]);
      double utilisation = seconds > 0 ? linkBytes[i] / (capacity[i] * seconds) : 0;
      all.add(new LinkUsage(l, linkBytes[i], busy, utilisation));
    }
    all.sort(
        Comparator.comparingDouble(LinkUsage::utilisation)
            .reversed()
            .thenComparingInt(u -> u.link().index()));
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** Bytes that finished crossing links of each tier, by tier name. */
  public Map<String, Long> bytesPerTier() {
    Map<String, Long> tiers = new TreeMap<>();
    for (Link l : topology.links()) {
      tiers.merge(l.tier(), linkBytes[l.index()], Long::sum);
    }
    return tiers;
  }

  /** Processes drains up to {@code toPicos} in time order, then sets the clock there. */
  private void advanceNetwork(long toPicos) {
    if (toPicos < nowPicos) {
      throw new IllegalArgumentException(
          "time runs forward: the network is at " + nowPicos + " ps, asked for " + toPicos);
    }
    while (true) {
      solveIfDirty();
      DrainEnd next = peekDraining();
      if (next == null || next.picos() > toPicos) {
        break;
      }
      long t = next.picos();
      nowPicos = t;
      while ((next = peekDraining()) != null && next.picos() == t) {
        draining.poll();
        drain(next.flow(), t);
      }
    }
    nowPicos = toPicos;
  }

  private DrainEnd peekDraining() {
    while (!draining.isEmpty()) {
      DrainEnd e = draining.peek();
      if (e.picos() == e.flow().drainEndPicos && !e.flow().drained) {
        return e;
      }
      draining.poll();
    }
    return null;
  }

  private void drain(Flow f, long t) {
    f.drained = true;
    flowEvents++;
    for (int l : f.links) {
      linkBytes[l] += f.transfer.bytes();
      List<Flow> flows = flowsOn.get(l);
      flows.remove(f); // keeps start order; a link carries tens of flows, not thousands
      if (flows.isEmpty()) {
        busyPicos[l] += t - busySince[l];
      }
      markDirty(l);
    }
    f.completionPicos = t + f.latencyPicos;
    delivering.add(f);
  }

  private void markDirty(int link) {
    if (!dirty[link]) {
      dirty[link] = true;
      dirtyLinks[dirtyCount++] = link;
    }
  }

  /** Max-min rates for the flows connected to a dirty link, by progressive filling. */
  private void solveIfDirty() {
    if (dirtyCount == 0) {
      return;
    }
    solves++;
    epoch++;
    // The component: links reachable from the dirty ones through the flows they share.
    int[] queue = new int[Math.max(16, dirtyCount)];
    int tail = 0;
    for (int i = 0; i < dirtyCount; i++) {
      int l = dirtyLinks[i];
      dirty[l] = false;
      if (linkEpoch[l] != epoch) {
        linkEpoch[l] = epoch;
        queue = push(queue, tail++, l);
      }
    }
    dirtyCount = 0;
    List<Flow> component = new ArrayList<>();
    for (int head = 0; head < tail; head++) {
      for (Flow f : flowsOn.get(queue[head])) {
        if (f.epoch != epoch) {
          f.epoch = epoch;
          component.add(f);
          for (int m : f.links) {
            if (linkEpoch[m] != epoch) {
              linkEpoch[m] = epoch;
              queue = push(queue, tail++, m);
            }
          }
        }
      }
    }
    // Progressive filling: the link offering the smallest fair share fixes the rate of its
    // unfrozen flows; removing them can only raise the shares of the other links.
    heapSize = 0;
    for (int i = 0; i < tail; i++) {
      int l = queue[i];
      remainingCapacity[l] = capacity[l];
      unfrozen[l] = flowsOn.get(l).size();
      if (unfrozen[l] > 0) {
        heapPush(capacity[l] / unfrozen[l], l);
      }
    }
    while (heapSize > 0) {
      double share = shares[0];
      int l = heapLinks[0];
      heapPop();
      if (unfrozen[l] == 0 || share != remainingCapacity[l] / unfrozen[l]) {
        continue; // stale: the link's share rose, or all its flows froze elsewhere
      }
      for (Flow f : flowsOn.get(l)) {
        if (f.frozenEpoch == epoch) {
          continue;
        }
        f.frozenEpoch = epoch;
        f.newRate = share;
        for (int m : f.links) {
          unfrozen[m]--;
          remainingCapacity[m] = Math.max(0, remainingCapacity[m] - share);
          if (m != l && unfrozen[m] > 0) {
            heapPush(remainingCapacity[m] / unfrozen[m], m);
          }
        }
      }
    }
    for (Flow f : component) {
      if (f.newRate != f.rate) {
        setRate(f, f.newRate);
      }
    }
  }

  private void setRate(Flow f, double rate) {
    double elapsedSeconds = (nowPicos - f.lastPicos) / Units.PICOS_PER_SECOND;
    f.remainingBytes = Math.max(0, f.remainingBytes - f.rate * elapsedSeconds);
    f.lastPicos = nowPicos;
    f.rate = rate;
    // The same rounding as LinkSpec.serializationPicos, so a lone flow matches the analytical
    // model to the picosecond.
    if (rate > 0) {
      f.drainEndPicos = nowPicos + Math.round(f.remainingBytes * (Units.PICOS_PER_SECOND / rate));
      draining.add(new DrainEnd(f.drainEndPicos, f));
    } else {
      f.drainEndPicos = Long.MAX_VALUE; // only if rounding starved a link; the next solve fixes it
    }
  }

  private static int[] push(int[] queue, int at, int value) {
    int[] q = at < queue.length ? queue : Arrays.copyOf(queue, 2 * queue.length);
    q[at] = value;
    return q;
  }

  private void heapPush(double share, int link) {
    if (heapSize == shares.length) {
      shares = Arrays.copyOf(shares, 2 * heapSize);
      heapLinks = Arrays.copyOf(heapLinks, 2 * heapSize);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(share, link, shares[parent], heapLinks[parent])) {
        break;
      }
      shares[i] = shares[parent];
      heapLinks[i] = heapLinks[parent];
      i = parent;
    }
    shares[i] = share;
    heapLinks[i] = link;
  }

  private void heapPop() {
    double share = shares[--heapSize];
    int link = heapLinks[heapSize];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize
          && less(shares[child + 1], heapLinks[child + 1], shares[child], heapLinks[child])) {
        child++;
      }
      if (!less(shares[child], heapLinks[child], share, link)) {
        break;
      }
      shares[i] = shares[child];
      heapLinks[i] = heapLinks[child];
      i = child;
    }
    shares[i] = share;
    heapLinks[i] = link;
  }

  private static boolean less(double shareA, int linkA, double shareB, int linkB) {
    return shareA < shareB || (shareA == shareB && linkA < linkB);
  }

  private record DrainEnd(long picos, Flow flow) {}

  /** One transfer in flight. */
  private static final class Flow {
    final Transfer transfer;
    final int[] links;
    final long latencyPicos;
    final long seq;
    double remainingBytes;
    double rate;
    double newRate;
    long lastPicos;
    long drainEndPicos = Long.MAX_VALUE;
    long completionPicos;
    int epoch;
    int frozenEpoch;
    boolean drained;

    Flow(Transfer transfer, Route route, long seq) {
      this.transfer = transfer;
      this.links = route.links().stream().mapToInt(Link::index).toArray();
      this.latencyPicos = route.latencyPicos();
      this.seq = seq;
      this.remainingBytes = transfer.bytes();
    }
  }
}
