package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.serving.ServingResult;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;

/**
 * A serving deployment as logical processes: the router (process 0) and one process per instance
 * (1..n), instances placed on consecutive chips in group order. After a run it gathers the {@link
 * ServingResult}. The same processes run on either runtime; messages between them carry at least
 * the fabric's smallest latency, the engine's lookahead.
 */
public final class ServingCluster {

  /**
   * What to serve and how.
   *
   * @param trace the requests
   * @param groups the instances, placed on chips in this order
   * @param limits each instance's scheduler limits
   * @param routing how the router picks an instance
   * @param loadSlack for cache-aware routing: how many requests above the least loaded an
   *     instance may hold and still be chosen for its cache
   * @param network the fabric, for KV transfers between instances and the lookahead
   * @param ttftTargetSeconds the TTFT SLO, or null
   * @param tpotTargetSeconds the TPOT SLO, or null
   */
  public record Setup(
      RequestTrace trace, List<InstanceGroup> groups, SchedulerLimits limits,
      RoutingPolicy routing, int loadSlack, AnalyticalNetwork network, Double ttftTargetSeconds,
      Double tpotTargetSeconds) {
    public Setup {
      groups = List.copyOf(groups);
      boolean disaggregated = groups.stream().anyMatch(g -> g.role() != Role.UNIFIED);
      boolean unified = groups.stream().anyMatch(g -> g.role() == Role.UNIFIED);
      boolean prefill = groups.stream().anyMatch(g -> g.role() == Role.PREFILL);
      boolean decode = groups.stream().anyMatch(g -> g.role() == Role.DECODE);
      if (groups.isEmpty() || (disaggregated && (unified || !prefill || !decode))) {
        throw new IllegalArgumentException("serving needs unified instances, or prefill and"
            + " decode instances (disaggregated), not a mix");
      }
    }

    /** Chips of every instance together. */
    public int chips() {
      return groups.stream().mapToInt(g -> g.count() * g.chipsPerInstance()).sum();
    }
  }

  private final Setup setup;
  private final RouterProcess router;
  private final List<InstanceProcess> instances;
  private final long lookaheadPicos;

  private ServingCluster(
      Setup setup, RouterProcess router, List<InstanceProcess> instances, long lookaheadPicos) {
    this.setup = setup;
    this.router = router;
    this.instances = instances;
    this.lookaheadPicos = lookaheadPicos;
  }

  /**
   * The processes of {@code setup}.
   *
   * @throws IllegalArgumentException if a request can never fit an instance's KV cache
   */
  public static ServingCluster assemble(Setup setup) {
    long lookahead = setup.network().minimumLatencyPicos();
    int count = setup.groups().stream().mapToInt(InstanceGroup::count).sum();
    int[] processIds = new int[count];
    List<Integer> entry = new ArrayList<>();
    List<Integer> decode = new ArrayList<>();
    List<InstanceGroup> groupOf = new ArrayList<>();
    int[] firstChip = new int[count];
    int chip = 0;
    int index = 0;
    for (InstanceGroup g : setup.groups()) {
      for (int k = 0; k < g.count(); k++) {
        processIds[index] = 1 + index;
        (g.role() == Role.DECODE ? decode : entry).add(index);
        groupOf.add(g);
        firstChip[index] = chip;
        chip += g.chipsPerInstance();
        index++;
      }
    }
    long longest = 0;
    for (Request r : setup.trace().requests()) {
      longest = Math.max(longest, (long) r.promptTokens() + r.outputTokens());
    }
    List<InstanceProcess> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      InstanceGroup g = groupOf.get(i);
      long blocks = g.kvCapacityTokens() / setup.limits().blockTokens();
      if (blocks * setup.limits().blockTokens() < longest) {
        throw new IllegalArgumentException(String.format(
            "the longest request needs %d tokens of KV cache; a %s instance holds %d (%d blocks of"
                + " %d); give it more chips (tp, pp, ep) or HBM", longest, g.role().label(),
            blocks * setup.limits().blockTokens(), blocks, setup.limits().blockTokens()));
      }
      int prefixTokens = setup.limits().prefixCaching() && g.role() != Role.DECODE
          ? setup.trace().prefixBlockTokens() : 0;
      int from = i;
      InstanceProcess.KvRoute route = (to, bytes) -> kvTransferPicos(
          setup.network(), firstChip[from], firstChip[to], groupOf.get(from), groupOf.get(to),
          bytes);
      instances.add(new InstanceProcess(i, g.role(), firstChip[i], 0, processIds, lookahead,
          g.costs(), setup.limits(), new KvCache(blocks, setup.limits().blockTokens(),
              prefixTokens), route));
    }
    RouterProcess router = new RouterProcess(setup.trace().requests(), setup.routing(),
        setup.loadSlack(), toArray(entry), toArray(decode), processIds, lookahead);
    return new ServingCluster(setup, router, instances, lookahead);
  }

  /**
   * A prefill's KV goes from each chip holding a share of it to a peer of the decode instance in
   * parallel (tp x pp lanes on the smaller side), over the route between the instances' first
   * chips: latency plus the lane's share over the route's bottleneck.
   */
  private static long kvTransferPicos(
      AnalyticalNetwork network, int fromChip, int toChip, InstanceGroup from, InstanceGroup to,
      long bytes) {
    int lanes = Math.min(from.costs().layout().tp() * from.costs().layout().pp(),
        to.costs().layout().tp() * to.costs().layout().pp());
    Route route = network.route(fromChip, toChip);
    return AnalyticalNetwork.transferPicos(route, (bytes + lanes - 1) / lanes);
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The simulation a runtime runs. */
  public Simulation simulation() {
    List<LogicalProcess<?>> processes = new ArrayList<>();
    processes.add(router);
    processes.addAll(instances);
    return new Simulation(processes, lookaheadPicos);
  }

  /**
   * What the run measured.
   *
   * @throws IllegalStateException if a request did not finish (a scheduler deadlock: our bug)
   */
  public ServingResult result() {
    List<Request> requests = setup.trace().requests();
    ServingRequest[] byId = new ServingRequest[requests.size()];
    for (InstanceProcess p : instances) {
      for (ServingRequest r : p.finished()) {
        byId[r.request.id()] = r;
      }
    }
    LatencyRecorder ttft = new LatencyRecorder();
    LatencyRecorder tpot = new LatencyRecorder();
    LatencyRecorder e2e = new LatencyRecorder();
    long outputTokens = 0;
    long meetsTtft = 0;
    long meetsTpot = 0;
    long meetsBoth = 0;
    double e2eSum = 0;
    Double ttftTarget = setup.ttftTargetSeconds();
    Double tpotTarget = setup.tpotTargetSeconds();
    for (ServingRequest r : byId) {
      if (r == null) {
        throw new IllegalStateException("a request did not finish: the scheduler deadlocked");
      }
      long arrival = r.request.arrivalPicos();
      long first = r.firstTokenPicos - arrival;
      long total = r.finishedPicos - arrival;
      ttft.recordPicos(first);
      e2e.recordPicos(total);
      e2eSum += total / 1e12;
      outputTokens += r.request.outputTokens();
      double tpotSeconds = 0;
      if (r.request.outputTokens() > 1) {
        long perToken = Math.round(
            (r.finishedPicos - r.firstTokenPicos) / (double) (r.request.outputTokens() - 1));
        tpot.recordPicos(perToken);
        tpotSeconds = perToken / 1e12;
      }
      boolean okTtft = ttftTarget == null || first / 1e12 <= ttftTarget;
      boolean okTpot = tpotTarget == null || tpotSeconds <= tpotTarget;
      meetsTtft += okTtft ? 1 : 0;
      meetsTpot += okTpot ? 1 : 0;
      meetsBoth += okTtft && okTpot ? 1 : 0;
    }
    int n = byId.length;
    double span = (router.lastCompletionPicos - router.firstArrivalPicos) / 1e12;
    long prefillTokens = 0;
    long decodeTokens = 0;
    long prefillChips = 0;
    long decodeChips = 0;
    long preemptions = 0;
    long hashed = 0;
    long hits = 0;
    double utilisationArea = 0;
    long blocks = 0;
    double peak = 0;
    List<ServingResult.InstanceSummary> summaries = new ArrayList<>();
    for (InstanceProcess p : instances) {
      int chips = p.costs().layout().chips();
      prefillTokens += p.prefillTokens;
      decodeTokens += p.decodeTokens;
      prefillChips += p.role != Role.DECODE ? chips : 0;
      decodeChips += p.role != Role.PREFILL ? chips : 0;
      preemptions += p.preemptions;
      hashed += p.promptTokensWithHashes;
      hits += p.prefixHitTokens;
      long b = p.kv().totalBlocks();
      utilisationArea += p.meanUtilisation(router.lastCompletionPicos) * b;
      blocks += b;
      peak = Math.max(peak, p.peakUtilisation());
      summaries.add(new ServingResult.InstanceSummary(
          p.index, p.role.label(), chips, p.firstChip, p.costs().weightBytesPerChip(),
          b * setup.limits().blockTokens(), b, p.steps,
          span > 0 ? p.busyPicos / 1e12 / span : 0, p.admissions, p.peakBatch));
    }
    Double hitRate = setup.limits().prefixCaching() && hashed > 0 ? hits / (double) hashed : null;
    LatencySeconds tpotSeconds = tpot.percentiles().map(LatencySeconds::of).orElse(null);
    return new ServingResult(
        setup.trace().source(),
        requests.size(),
        router.completed,
        setup.trace().skippedRows(),
        LatencySeconds.of(ttft.percentiles().orElseThrow()),
        tpotSeconds,
        LatencySeconds.of(e2e.percentiles().orElseThrow()),
        span > 0 ? outputTokens / span : 0,
        new ServingResult.PerChip(
            span > 0 && prefillChips > 0 ? prefillTokens / span / prefillChips : 0,
            span > 0 && decodeChips > 0 ? decodeTokens / span / decodeChips : 0),
        new ServingResult.SloAttainment(ttftTarget, tpotTarget,
            ttftTarget == null ? null : meetsTtft / (double) n,
            tpotTarget == null ? null : meetsTpot / (double) n,
            meetsBoth / (double) n),
        new ServingResult.Utilisation(blocks == 0 ? 0 : utilisationArea / blocks, peak),
        hitRate,
        preemptions,
        router.lastArrivalPicos > router.firstArrivalPicos
            ? (n - 1) / ((router.lastArrivalPicos - router.firstArrivalPicos) / 1e12) : 0,
        router.meanInSystem(),
        e2eSum / n,
        summaries);
  }
}
