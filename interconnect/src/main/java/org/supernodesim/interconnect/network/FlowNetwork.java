package org.supernodesim.interconnect.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * The flow-level model: each transfer is a fluid flow striped over the routes of {@link
 * Router#stripedRoutes} (the chip's own injection and ejection links included), carrying an equal
 * share on each stripe; flows crossing a link share it by max-min fairness, found by progressive
 * filling with each flow's share of the link as its coefficient (Bertsekas and Gallager, "Data
 * Networks", 2nd ed., section 6.5.2; SimGrid's LMM solver, Velho et al., ACM TOMACS 23(4), 2013).
 * A flow drains at its rate; its transfer completes the route's latency after its last byte
 * leaves, so one flow alone takes exactly the analytical model's latency + bytes / bandwidth.
 *
 * <p>Rates are recomputed when a flow starts or drains, lazily (all starts and ends at one instant
 * cost one solve) and incrementally. Progressive filling freezes flows in increasing order of
 * rate, and a change at level r (a flow of rate r drained; a flow started whose links offer it at
 * least r) cannot alter anything frozen below r: so a solve revisits only the flows of rate >= r
 * connected to a changed link through such flows, the others' consumption subtracted from the
 * links' capacities. In an all-to-all of equal blocks the fastest flows drain first, so each solve
 * touches few flows. A solve's floating-point operations run in an order fixed by the flows' start
 * order, so the same inputs give the same picoseconds on every machine. Not thread-safe: one
 * network belongs to one logical process.
 */
public final class FlowNetwork {
  private final Router router;
  private final Topology topology;
  private final long latencyCreditPicos;
  private final double[] capacity;
  private final LinkFlows[] flowsOn;
  private final double[] coefficientSum;
  private final boolean[] dirty;
  private final int[] dirtyLinks;
  private int dirtyCount;
  private double dirtyLevel = Double.POSITIVE_INFINITY;

  private final double[] linkBytes;
  private final long[] busyPicos;
  private final long[] busySince;

  // Draining flows by drain end, then start order: an indexed binary heap holding each flow at
  // most once, moved in place when a solve changes its rate. (A queue of drain ends invalidated
  // lazily kept every stale end until it surfaced: a fifth of an all-to-all went on sifting.)
  private Flow[] draining = new Flow[64];
  private int drainingCount;
  private final PriorityQueue<Flow> delivering =
      new PriorityQueue<>(
          (a, b) -> a.completionPicos != b.completionPicos
              ? Long.compare(a.completionPicos, b.completionPicos) : Long.compare(a.seq, b.seq));

  // Scratch for solves, sized once.
  private final double[] residual;
  private final double[] unfrozen;
  private final int[] unfrozenCount;
  private final int[] linkEpoch;
  // The links a solve visits, each once per solve (the epoch marks it), so one per link suffices;
  // and the flows it re-solves. Kept between solves: a solve allocated both, a tenth of its time.
  private final int[] regionLinks;
  private Flow[] region = new Flow[64];
  // A binary min-heap of (share, link), ties to the lower link index so solves are reproducible.
  private double[] shares = new double[64];
  private int[] heapLinks = new int[64];
  private int heapSize;
  private int epoch;

  private final List<Transfer> drainedSinceTaken = new ArrayList<>();
  private long nowPicos;
  private long nextSeq;
  private int inFlight;
  private long solves;
  private long flowEvents;
  private long solvedFlows;

  /** A network whose transfers complete when their last byte arrives. */
  public FlowNetwork(Router router) {
    this(router, 0);
  }

  /**
   * A network that reports each transfer {@code latencyCreditPicos} before its last byte arrives,
   * for a caller that delivers the completion with a message of that delay (the fabric process);
   * no route may be shorter than the credit.
   */
  public FlowNetwork(Router router, long latencyCreditPicos) {
    this.router = router;
    this.topology = router.topology();
    this.latencyCreditPicos = latencyCreditPicos;
    int links = topology.links().size();
    capacity = new double[links];
    flowsOn = new LinkFlows[links];
    for (Link l : topology.links()) {
      capacity[l.index()] = l.spec().bytesPerSecond();
      flowsOn[l.index()] = new LinkFlows();
    }
    coefficientSum = new double[links];
    dirty = new boolean[links];
    dirtyLinks = new int[links];
    linkBytes = new double[links];
    busyPicos = new long[links];
    busySince = new long[links];
    residual = new double[links];
    unfrozen = new double[links];
    unfrozenCount = new int[links];
    linkEpoch = new int[links];
    regionLinks = new int[links];
  }

  /** Starts {@code transfer} at {@code nowPicos}, no earlier than the network's current time. */
  public void start(Transfer transfer, long nowPicos) {
    start(transfer, nowPicos, Sharing.PLAIN);
  }

  /**
   * Starts {@code transfer} at {@code nowPicos}, loading the links as {@code sharing} says. Its id
   * must differ from every transfer's in flight: the caller's to keep (the fabric numbers them in
   * order), as the network keeps no map by id.
   */
  public void start(Transfer transfer, long nowPicos, Sharing sharing) {
    boolean multicastCopy = sharing.skipsSourcePort();
    advanceNetwork(nowPicos);
    List<Route> stripes;
    if (multicastCopy) {
      Route r = router.route(transfer.source(), transfer.destination(), transfer.id());
      List<Link> links = r.links();
      stripes = List.of(links.size() > 1 ? Route.of(links.subList(1, links.size())) : r);
    } else {
      stripes = router.stripedRoutes(transfer.source(), transfer.destination(), transfer.id());
    }
    long latency = 0;
    for (Route r : stripes) {
      latency = Math.max(latency, r.latencyPicos());
    }
    if (multicastCopy) {
      latency = router.route(transfer.source(), transfer.destination(), transfer.id())
          .latencyPicos();
    }
    Router.LinkShares shares = Router.linkShares(stripes);
    if (sharing.destinationPortShare() != 1) {
      for (int i = 0; i < shares.links().length; i++) {
        if (topology.links().get(shares.links()[i]).to() == transfer.destination()) {
          shares.shares()[i] *= sharing.destinationPortShare();
        }
      }
    }
    Flow f = new Flow(transfer, shares, latency, nextSeq++,
        Math.round(transfer.bytes() / sharing.efficiency()));
    inFlight++;
    flowEvents++;
    if (transfer.bytes() == 0) {
      f.drained = true;
      drainedSinceTaken.add(transfer);
      f.completionPicos = nowPicos + Math.max(0, latency - latencyCreditPicos);
      delivering.add(f);
      return;
    }
    f.lastPicos = nowPicos;
    for (int i = 0; i < f.links.length; i++) {
      int l = f.links[i];
      if (flowsOn[l].size == 0) {
        busySince[l] = nowPicos;
      }
      f.slots[i] = flowsOn[l].add(f, f.coefficients[i], i);
      coefficientSum[l] += f.coefficients[i];
    }
    // Where the new flow can first bind: no link it crosses freezes below its capacity over the
    // coefficients on it.
    for (int l : f.links) {
      dirtyLevel = Math.min(dirtyLevel, capacity[l] / coefficientSum[l]);
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
    Flow d = peekDraining();
    if (d != null) {
      next = d.drainEndPicos;
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
      inFlight--;
    }
    return done;
  }

  /**
   * The transfers whose last byte left their source since the last call, in the order they
   * drained: a caller keeping a connection's transfers in order may start the next one now.
   */
  public List<Transfer> takeDrained() {
    List<Transfer> drained = List.copyOf(drainedSinceTaken);
    drainedSinceTaken.clear();
    return drained;
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

  /** Flows whose rate the solves recomputed, summed over all solves: the solver's work. */
  public long solvedFlows() {
    return solvedFlows;
  }

  /**
   * The current max-min rate of transfer {@code id} in bytes per second, or 0 if not draining. A
   * scan of the draining flows, for tests and diagnostics: no map from id to flow is kept, since
   * putting and removing every transfer in one cost a tenth of a flow all-to-all's run.
   */
  public double rateBytesPerSecond(long id) {
    solveIfDirty();
    for (int i = 0; i < drainingCount; i++) {
      if (draining[i].transfer.id() == id) {
        return draining[i].rate; // after a solve, every flow draining at a rate above 0 is here
      }
    }
    return 0;
  }

  /** Every link's usage up to now, busiest first (by utilisation, then link index). */
  public List<LinkUsage> busiestLinks(int limit) {
    List<LinkUsage> all = new ArrayList<>();
    double seconds = nowPicos / Units.PICOS_PER_SECOND;
    for (Link l : topology.links()) {
      int i = l.index();
      long busy = busyPicos[i] + (flowsOn[i].size == 0 ? 0 : nowPicos - busySince[i]);
      double utilisation = seconds > 0 ? linkBytes[i] / (capacity[i] * seconds) : 0;
      all.add(new LinkUsage(l, Math.round(linkBytes[i]), busy, utilisation));
    }
    all.sort(
        Comparator.comparingDouble(LinkUsage::utilisation)
            .reversed()
            .thenComparingInt(u -> u.link().index()));
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** Bytes that finished crossing links of each tier, by tier name. */
  public Map<String, Long> bytesPerTier() {
    Map<String, Double> tiers = new TreeMap<>();
    for (Link l : topology.links()) {
      tiers.merge(l.tier(), linkBytes[l.index()], Double::sum);
    }
    Map<String, Long> rounded = new TreeMap<>();
    tiers.forEach((tier, bytes) -> rounded.put(tier, Math.round(bytes)));
    return rounded;
  }

  /** Processes drains up to {@code toPicos} in time order, then sets the clock there. */
  private void advanceNetwork(long toPicos) {
    if (toPicos < nowPicos) {
      throw new IllegalArgumentException(
          "time runs forward: the network is at " + nowPicos + " ps, asked for " + toPicos);
    }
    if (toPicos == nowPicos && dirtyCount > 0) {
      return; // more may start at this instant: solve once, when time moves or rates are asked
    }
    while (true) {
      solveIfDirty();
      Flow next = peekDraining();
      if (next == null || next.drainEndPicos > toPicos) {
        break;
      }
      long t = next.drainEndPicos;
      nowPicos = t;
      while ((next = peekDraining()) != null && next.drainEndPicos == t) {
        removeDraining(next);
        drain(next, t);
      }
    }
    nowPicos = toPicos;
  }

  private Flow peekDraining() {
    return drainingCount == 0 ? null : draining[0];
  }

  private static boolean drainsBefore(Flow a, Flow b) {
    return a.drainEndPicos < b.drainEndPicos
        || (a.drainEndPicos == b.drainEndPicos && a.seq < b.seq);
  }

  /** Puts {@code f} where its (new) drain end belongs; a drained flow has none. */
  private void placeDraining(Flow f) {
    if (f.drained) {
      return;
    }
    if (f.drainIndex < 0) {
      if (drainingCount == draining.length) {
        draining = Arrays.copyOf(draining, 2 * drainingCount);
      }
      f.drainIndex = drainingCount;
      draining[drainingCount++] = f;
    }
    siftDown(siftUp(f.drainIndex));
  }

  private void removeDraining(Flow f) {
    int i = f.drainIndex;
    if (i < 0) {
      return;
    }
    f.drainIndex = -1;
    int last = --drainingCount;
    Flow moved = draining[last];
    draining[last] = null;
    if (i != last) {
      draining[i] = moved;
      moved.drainIndex = i;
      siftDown(siftUp(i));
    }
  }

  private int siftUp(int i) {
    Flow f = draining[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Flow p = draining[parent];
      if (!drainsBefore(f, p)) {
        break;
      }
      draining[i] = p;
      p.drainIndex = i;
      i = parent;
    }
    draining[i] = f;
    f.drainIndex = i;
    return i;
  }

  private void siftDown(int i) {
    Flow f = draining[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= drainingCount) {
        break;
      }
      if (child + 1 < drainingCount && drainsBefore(draining[child + 1], draining[child])) {
        child++;
      }
      if (!drainsBefore(draining[child], f)) {
        break;
      }
      draining[i] = draining[child];
      draining[i].drainIndex = i;
      i = child;
    }
    draining[i] = f;
    f.drainIndex = i;
  }

  private void drain(Flow f, long t) {
    f.drained = true;
    drainedSinceTaken.add(f.transfer);
    flowEvents++;
    dirtyLevel = Math.min(dirtyLevel, f.rate);
    for (int i = 0; i < f.links.length; i++) {
      int l = f.links[i];
      linkBytes[l] += f.wireBytes * f.coefficients[i];
      LinkFlows flows = flowsOn[l];
      flows.remove(f.slots[i]);
      coefficientSum[l] = flows.size == 0 ? 0 : coefficientSum[l] - f.coefficients[i];
      if (flows.size == 0) {
        busyPicos[l] += t - busySince[l];
      }
      markDirty(l);
    }
    f.completionPicos = t + Math.max(0, f.latencyPicos - latencyCreditPicos);
    delivering.add(f);
  }

  private void markDirty(int link) {
    if (!dirty[link]) {
      dirty[link] = true;
      dirtyLinks[dirtyCount++] = link;
    }
  }

  /**
   * Max-min rates for the flows of rate at least the dirty level connected to a dirty link, by
   * progressive filling over the capacity the other flows leave.
   */
  private void solveIfDirty() {
    if (dirtyCount == 0) {
      return;
    }
    solves++;
    epoch++;
    double level = dirtyLevel;
    dirtyLevel = Double.POSITIVE_INFINITY;
    int[] queue = regionLinks;
    int tail = 0;
    for (int i = 0; i < dirtyCount; i++) {
      int l = dirtyLinks[i];
      dirty[l] = false;
      if (linkEpoch[l] != epoch) {
        linkEpoch[l] = epoch;
        queue[tail++] = l;
      }
    }
    dirtyCount = 0;
    int regionSize = 0;
    for (int head = 0; head < tail; head++) {
      LinkFlows on = flowsOn[queue[head]];
      double[] rates = on.rates;
      for (int k = 0; k < on.size; k++) {
        if (!(rates[k] >= level)) {
          continue;
        }
        Flow f = on.flows[k];
        if (f.epoch != epoch) {
          f.epoch = epoch;
          if (regionSize == region.length) {
            region = Arrays.copyOf(region, 2 * regionSize);
          }
          region[regionSize++] = f;
          for (int m : f.links) {
            if (linkEpoch[m] != epoch) {
              linkEpoch[m] = epoch;
              queue[tail++] = m;
            }
          }
        }
      }
    }
    solvedFlows += regionSize;
    if (regionSize == 0) {
      return; // every flow on the changed links is slower than the change: nothing moves
    }
    // Each link offers the region what the flows outside it leave.
    heapSize = 0;
    for (int i = 0; i < tail; i++) {
      int l = queue[i];
      double left = capacity[l];
      double shares = 0;
      int count = 0;
      LinkFlows on = flowsOn[l];
      for (int k = 0; k < on.size; k++) {
        Flow f = on.flows[k];
        double c = on.coefficients[k];
        if (f.epoch == epoch) {
          shares += c;
          count++;
        } else {
          left -= f.rate * c;
        }
      }
      residual[l] = Math.max(0, left);
      unfrozen[l] = shares;
      unfrozenCount[l] = count;
      if (count > 0) {
        heapPush(residual[l] / shares, l);
      }
    }
    // Progressive filling: the link offering the smallest fair share fixes the rate of its
    // unfrozen flows; removing them can only raise the shares of the other links.
    while (heapSize > 0) {
      double share = this.shares[0];
      int l = heapLinks[0];
      heapPop();
      if (unfrozenCount[l] == 0 || share != residual[l] / unfrozen[l]) {
        continue; // stale: the link's share rose, or all its flows froze elsewhere
      }
      LinkFlows on = flowsOn[l];
      for (int k = 0; k < on.size; k++) {
        Flow f = on.flows[k];
        if (f.epoch != epoch || f.frozenEpoch == epoch) {
          continue;
        }
        f.frozenEpoch = epoch;
        f.newRate = share;
        for (int i = 0; i < f.links.length; i++) {
          int m = f.links[i];
          double c = f.coefficients[i];
          unfrozenCount[m]--;
          unfrozen[m] = unfrozenCount[m] == 0 ? 0 : unfrozen[m] - c;
          residual[m] = Math.max(0, residual[m] - share * c);
          if (m != l && unfrozenCount[m] > 0) {
            heapPush(residual[m] / unfrozen[m], m);
          }
        }
      }
    }
    for (int i = 0; i < regionSize; i++) {
      Flow f = region[i];
      region[i] = null; // no reference outlives the solve
      f.fresh = false;
      if (f.newRate != f.rate || f.drainEndPicos == Long.MAX_VALUE) {
        setRate(f, f.newRate);
      }
    }
  }

  private void setRate(Flow f, double rate) {
    double elapsedSeconds = (nowPicos - f.lastPicos) / Units.PICOS_PER_SECOND;
    f.remainingBytes = Math.max(0, f.remainingBytes - f.rate * elapsedSeconds);
    f.lastPicos = nowPicos;
    f.rate = rate;
    for (int i = 0; i < f.links.length; i++) {
      flowsOn[f.links[i]].rates[f.slots[i]] = rate;
    }
    // The same rounding as LinkSpec.serializationPicos, so a lone flow matches the analytical
    // model to the picosecond.
    if (rate > 0) {
      f.drainEndPicos = nowPicos + Math.round(f.remainingBytes * (Units.PICOS_PER_SECOND / rate));
      placeDraining(f);
    } else {
      f.drainEndPicos = Long.MAX_VALUE; // only if rounding starved a link; the next solve fixes it
      removeDraining(f);
    }
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

  /**
   * The flows on one link, with each one's share of the link. Removal moves the last flow into
   * the gap: the order stays a function of the run's history, so sums over it are reproducible.
   */
  private static final class LinkFlows {
    Flow[] flows = new Flow[4];
    double[] coefficients = new double[4];
    int[] indexInFlow = new int[4];
    // Each flow's current rate (infinite until its first solve), scanned without touching flows.
    double[] rates = new double[4];
    int size;

    /** Adds {@code f}, whose {@code index}-th link this is; returns its slot here. */
    int add(Flow f, double coefficient, int index) {
      if (size == flows.length) {
        flows = Arrays.copyOf(flows, 2 * size);
        coefficients = Arrays.copyOf(coefficients, 2 * size);
        indexInFlow = Arrays.copyOf(indexInFlow, 2 * size);
        rates = Arrays.copyOf(rates, 2 * size);
      }
      rates[size] = Double.POSITIVE_INFINITY;
      flows[size] = f;
      coefficients[size] = coefficient;
      indexInFlow[size] = index;
      return size++;
    }

    void remove(int slot) {
      int last = --size;
      if (slot != last) {
        flows[slot] = flows[last];
        coefficients[slot] = coefficients[last];
        indexInFlow[slot] = indexInFlow[last];
        rates[slot] = rates[last];
        flows[slot].slots[indexInFlow[slot]] = slot;
      }
      flows[last] = null;
    }
  }

  /** One transfer in flight. */
  private static final class Flow {
    final Transfer transfer;
    final int[] links;
    final double[] coefficients;
    final int[] slots;
    final long latencyPicos;
    final long seq;
    final long wireBytes;
    double remainingBytes;
    double rate;
    double newRate;
    long lastPicos;
    long drainEndPicos = Long.MAX_VALUE;
    int drainIndex = -1;
    long completionPicos;
    int epoch;
    int frozenEpoch;
    boolean fresh = true;
    boolean drained;

    Flow(Transfer transfer, Router.LinkShares shares, long latencyPicos, long seq,
        long wireBytes) {
      this.transfer = transfer;
      this.links = shares.links();
      this.coefficients = shares.shares();
      this.slots = new int[links.length];
      this.latencyPicos = latencyPicos;
      this.seq = seq;
      this.wireBytes = wireBytes;
      this.remainingBytes = wireBytes;
    }

  }
}
