package org.supernodesim.node.serving;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.network.FlowNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.node.fabric.FabricProcess;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.results.serving.InstanceSeries;
import org.supernodesim.results.serving.RequestRecord;
import org.supernodesim.results.serving.ServingSeries;
import org.supernodesim.results.serving.StepLog;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.StepCost;
import org.supernodesim.workload.inference.CommunicationDemand;
import org.supernodesim.workload.inference.InstanceChips;
import org.supernodesim.workload.inference.FabricCosts;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.workload.inference.HostTier;

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
   * @param groups the instances, placed on chips in this order, each with its scheduler limits
   *     (all of one KV block size and prefix-caching choice)
   * @param routing how the router picks an instance
   * @param loadSlack for cache-aware routing: how many requests above the least loaded an
   *     instance may hold and still be chosen for its cache
   * @param router the fabric's routes: the instances' collectives and KV transfers cross them
   * @param networkModel how those transfers are timed
   * @param load at the source's arrival times, or a fixed number in flight
   * @param ttftTargetSeconds the TTFT SLO, or null
   * @param tpotTargetSeconds the TPOT SLO, or null
   * @param hostTier each prefill or unified instance's host-memory KV tier ({@link
   *     HostTier#NONE}: none)
   */
  public record Setup(
      RequestTrace trace, List<InstanceGroup> groups, RoutingPolicy routing, int loadSlack,
      Router router, NetworkModel networkModel, Load load, Double ttftTargetSeconds,
      Double tpotTargetSeconds, HostTier hostTier) {
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
      SchedulerLimits first = groups.get(0).limits();
      for (InstanceGroup g : groups) {
        if (g.limits().blockTokens() != first.blockTokens()
            || g.limits().prefixCaching() != first.prefixCaching()) {
          throw new IllegalArgumentException("every instance needs one KV block size and one"
              + " prefix-caching choice (a request's KV moves between them)");
        }
      }
    }

    /** Chips of every instance together. */
    public int chips() {
      return groups.stream().mapToInt(g -> g.count() * g.chipsPerInstance()).sum();
    }

    /** The KV block size of every instance. */
    int blockTokens() {
      return groups.get(0).limits().blockTokens();
    }

    /** Whether the instances cache prompt prefixes. */
    boolean prefixCaching() {
      return groups.get(0).limits().prefixCaching();
    }
  }

  private final Setup setup;
  private final RouterProcess router;
  private final List<InstanceProcess> instances;
  private final FabricProcess fabric; // the flow model's fabric (process n + 1), or null
  private final long lookaheadPicos;
  private Outcomes outcomes; // the latency histograms, once result() has gathered them

  private ServingCluster(
      Setup setup, RouterProcess router, List<InstanceProcess> instances,
      FabricProcess fabric, long lookaheadPicos) {
    this.setup = setup;
    this.router = router;
    this.instances = instances;
    this.fabric = fabric;
    this.lookaheadPicos = lookaheadPicos;
  }

  /**
   * The processes of {@code setup}.
   *
   * @throws IllegalArgumentException if a request can never fit an instance's KV cache
   */
  public static ServingCluster assemble(Setup setup) {
    return assemble(setup, 0);
  }

  /**
   * The processes of {@code setup}, whose instances also keep their first steps one by one, at
   * most {@code keptSteps} in all (shared evenly), for a timeline.
   *
   * @throws IllegalArgumentException if a request can never fit an instance's KV cache
   */
  public static ServingCluster assemble(Setup setup, int keptSteps) {
    boolean flowModel = setup.networkModel() == NetworkModel.FLOW;
    long shortest = new AnalyticalNetwork(setup.router()).minimumLatencyPicos();
    if (flowModel && shortest < 2) {
      throw new IllegalArgumentException(
          "the flow model needs links with latency: the shortest route takes " + shortest + " ps");
    }
    // On the flow model a transfer is a request to the fabric and a notice back: half each.
    long lookahead = flowModel ? shortest / 2 : shortest;
    int count = setup.groups().stream().mapToInt(InstanceGroup::count).sum();
    int[] processIds = new int[count];
    List<Integer> entry = new ArrayList<>();
    List<Integer> decode = new ArrayList<>();
    List<InstanceGroup> groupOf = new ArrayList<>();
    List<InstanceChips> chipsOf = new ArrayList<>();
    int chip = 0;
    int index = 0;
    for (InstanceGroup g : setup.groups()) {
      for (int k = 0; k < g.count(); k++) {
        processIds[index] = 1 + index;
        (g.role() == Role.DECODE ? decode : entry).add(index);
        groupOf.add(g);
        chipsOf.add(new InstanceChips(chip, g.costs().layout()));
        chip += g.chipsPerInstance();
        index++;
      }
    }
    long longest = 0;
    for (Request r : setup.trace().requests()) {
      longest = Math.max(longest, (long) r.promptTokens() + r.outputTokens());
    }
    int fabricId = 1 + count;
    int[] processOfChip = new int[setup.router().topology().chips()];
    java.util.Arrays.fill(processOfChip, fabricId); // chips of no instance: never a destination
    for (int i = 0; i < count; i++) {
      InstanceChips c = chipsOf.get(i);
      java.util.Arrays.fill(
          processOfChip, c.firstChip(), c.firstChip() + c.layout().chips(), processIds[i]);
    }
    FabricProcess fabricProcess = flowModel
        ? new FabricProcess(new FlowNetwork(setup.router(), 2 * lookahead), lookahead,
            c -> processOfChip[c])
        : null;
    int blockTokens = setup.blockTokens();
    List<InstanceProcess> instances = new ArrayList<>(count);
    int keptPerInstance = count == 0 ? 0 : keptSteps / count;
    for (int i = 0; i < count; i++) {
      InstanceGroup g = groupOf.get(i);
      long blocks = g.kvCapacityTokens() / blockTokens;
      if (blocks * blockTokens < longest) {
        throw new IllegalArgumentException(String.format(
            "the longest request needs %d tokens of KV cache; a %s instance holds %d (%d blocks of"
                + " %d); give it more chips (tp, pp, ep) or HBM", longest, g.role().label(),
            blocks * blockTokens, blocks, blockTokens));
      }
      int prefixTokens = setup.prefixCaching() && g.role() != Role.DECODE
          ? setup.trace().prefixBlockTokens() : 0;
      InstanceProcess.KvRoute route = new KvLanes(setup.router(), chipsOf.get(i), chipsOf);
      StepCostModel costs = g.costs();
      // Each instance times its step's collectives on its own chips' routes.
      FabricCosts fabric = new FabricCosts(
          new Routes(setup.router()), chipsOf.get(i).firstChip(), costs.layout());
      InstanceProcess.StepPricing pricing = b -> {
        StepCost c = costs.step(b);
        long[] prices = new long[c.communication().size()];
        for (int d = 0; d < prices.length; d++) {
          prices[d] = fabric.picos(c.communication().get(d));
        }
        return c.repriced(prices);
      };
      instances.add(new InstanceProcess(i, g.role(), chipsOf.get(i).firstChip(), 0, processIds,
          lookahead, costs, pricing, g.limits(),
          new KvCache(blocks, blockTokens, prefixTokens,
              prefixTokens > 0 ? setup.hostTier().prefixBlocks() : 0,
              prefixTokens > 0 ? setup.hostTier().ssd().prefixBlocks() : 0), route,
          new StepLog(keptPerInstance), flowModel
              ? new InstanceProcess.FlowFabric(fabricId, lookahead, chipsOf.get(i), setup.router())
              : null, setup.hostTier()));
    }
    RouterProcess router = new RouterProcess(setup.trace().requests(), setup.routing(),
        setup.loadSlack(), toArray(entry), toArray(decode), processIds, lookahead, setup.load());
    return new ServingCluster(setup, router, instances, fabricProcess, lookahead);
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The simulation a runtime runs. */
  public Simulation simulation() {
    List<LogicalProcess<?>> processes = new ArrayList<>();
    processes.add(router);
    processes.addAll(instances);
    if (fabric != null) {
      processes.add(fabric);
    }
    return new Simulation(processes, lookaheadPicos);
  }

  /**
   * What the run measured.
   *
   * @throws IllegalStateException if a request did not finish (a scheduler deadlock: our bug)
   */
  public ServingResult result() {
    return result(null);
  }

  /**
   * What the run measured, with the goodput search's answer where {@code goodputPercentile} is
   * not null: the highest rate whose TTFT and TPOT at that percentile meet the SLO, found by
   * whole runs of this setup at scaled rates ({@link GoodputSearch}).
   *
   * @throws IllegalStateException if a request did not finish (a scheduler deadlock: our bug)
   */
  public ServingResult result(Double goodputPercentile) {
    List<Request> requests = setup.trace().requests();
    ServingRequest[] byId = new ServingRequest[requests.size()];
    for (InstanceProcess p : instances) {
      for (ServingRequest r : p.finished()) {
        byId[r.request.id()] = r;
      }
    }
    outcomes = new Outcomes(setup.ttftTargetSeconds(), setup.tpotTargetSeconds());
    for (ServingRequest r : byId) {
      if (r == null) {
        throw new IllegalStateException("a request did not finish: the scheduler deadlocked");
      }
      outcomes.record(r);
    }
    double span = (router.lastCompletionPicos - router.firstArrivalPicos) / 1e12;
    InstanceTotals totals = new InstanceTotals();
    List<ServingResult.InstanceSummary> summaries = new ArrayList<>();
    for (InstanceProcess p : instances) {
      totals.add(p, router.lastCompletionPicos);
      long blocks = p.kv().totalBlocks();
      summaries.add(new ServingResult.InstanceSummary(
          p.index, p.role.label(), p.costs().layout().chips(), p.firstChip,
          p.costs().weightBytesPerChip(), memory(p, blocks * setup.blockTokens()),
          blocks * setup.blockTokens(), blocks, p.steps,
          span > 0 ? p.busyPicos / 1e12 / span : 0, p.admissions, p.peakBatch,
          p.kernelPicos > 0 ? p.nonGemmPicos / (double) p.kernelPicos : 0, expertLoad(p)));
    }
    long arrivalSpan = router.lastArrivalPicos - router.firstArrivalPicos;
    return new ServingResult(
        setup.trace().source(),
        requests.size(),
        router.completed,
        setup.trace().skippedRows(),
        setup.trace().skippedOverlong(),
        outcomes.ttft(),
        outcomes.tpot(),
        outcomes.e2e(),
        span > 0 ? outcomes.outputTokens() / span : 0,
        new ServingResult.PerChip(
            perChip(totals.prefillTokens, span, totals.prefillChips),
            perChip(totals.decodeTokens, span, totals.decodeChips)),
        outcomes.slo(),
        new ServingResult.Utilisation(totals.meanUtilisation(), totals.peakUtilisation),
        setup.prefixCaching() && totals.hashedPromptTokens > 0
            ? totals.hitTokens / (double) totals.hashedPromptTokens : null,
        totals.preemptions,
        arrivalSpan > 0 ? (requests.size() - 1) / (arrivalSpan / 1e12) : 0,
        router.meanInSystem(),
        outcomes.meanE2eSeconds(),
        summaries,
        outcomes.cdf(),
        series(router.lastCompletionPicos),
        setup.load() instanceof Load.Saturate ? "saturate" : "arrivals",
        steadyState(byId),
        goodputPercentile == null ? null : new GoodputSearch(setup, goodputPercentile).run(),
        new ServingResult.Fabric(setup.networkModel().label(),
            fabric == null ? COLLECTIVES : FLOW_COLLECTIVES),
        setup.hostTier().prefixBlocks() == 0 ? null
            : new ServingResult.HostTierUse(totals.hostHitTokens, totals.hostLoadPicos / 1e12,
                setup.hostTier().ssd().prefixBlocks() == 0 ? null
                    : new ServingResult.SsdTierUse(totals.ssdHitTokens,
                        totals.ssdReadPicos / 1e12)));
  }

  /** How the analytical model times an instance's collectives, as result.json names it. */
  static final String COLLECTIVES =
      "closed form over each group's routes, busiest member; rings across nodes striped over rails";

  /** How the flow model times them. */
  static final String FLOW_COLLECTIVES =
      "every transfer shared on the flow model, a demand's repeats in a step merged per pair";

  /**
   * Tokens over the window from the first completion to the last arrival, or null if the last
   * request arrived before any finished (no saturated window: the whole run is ramp and drain).
   */
  private ServingResult.SteadyState steadyState(ServingRequest[] byId) {
    long start = Long.MAX_VALUE;
    long end = 0;
    for (ServingRequest r : byId) {
      start = Math.min(start, r.finishedPicos);
      end = Math.max(end, r.request.arrivalPicos());
    }
    if (end <= start) {
      return null;
    }
    long prefill = 0;
    long output = 0;
    long decodeOutput = 0;
    long prefillChips = 0;
    long decodeChips = 0;
    for (InstanceProcess p : instances) {
      int chips = p.costs().layout().chips();
      long pre = p.tokenLog.prefillTokens(start, end);
      long out = p.tokenLog.outputTokens(start, end);
      output += out;
      if (p.role != Role.DECODE) {
        prefill += pre;
        prefillChips += chips;
      }
      if (p.role != Role.PREFILL) {
        decodeOutput += out;
        decodeChips += chips;
      }
    }
    double seconds = (end - start) / 1e12;
    return new ServingResult.SteadyState(start / 1e12, end / 1e12, output / seconds,
        new ServingResult.PerChip(perChip(prefill, seconds, prefillChips),
            perChip(decodeOutput, seconds, decodeChips)));
  }

  /** Each instance over the run, in buckets of one width (the run's end sets it for all). */
  private ServingSeries series(long endPicos) {
    List<InstanceSeries> series = new ArrayList<>();
    long bucketPicos = StepLog.FIRST_BUCKET_PICOS;
    for (InstanceProcess p : instances) {
      series.add(p.log().finish(p.index, endPicos));
      bucketPicos = p.log().bucketPicos();
    }
    return new ServingSeries(bucketPicos / 1e12, series);
  }

  /**
   * The share of the trace's requests completed so far, 0 to 1; safe to read from another thread
   * while the run goes on (for a progress display only: it never reaches a result).
   */
  public double fractionCompleted() {
    int total = setup.trace().requests().size();
    return total == 0 ? 1 : router.completed / (double) total;
  }

  /** Each instance's log, in index order (for a timeline of its steps). */
  public List<StepLog> logs() {
    return instances.stream().map(InstanceProcess::log).toList();
  }

  /** Each instance's role, in index order. */
  public List<Role> roles() {
    return instances.stream().map(p -> p.role).toList();
  }

  /**
   * The latency histograms (TTFT, TPOT, e2e) of the completed requests, once {@link #result} has
   * gathered them.
   */
  public List<LatencyRecorder> latencies() {
    if (outcomes == null) {
      throw new IllegalStateException("the latencies are gathered by result()");
    }
    return outcomes.recorders();
  }

  /** What happened to each request, in trace order (after the run). */
  public List<RequestRecord> requests() {
    ServingRequest[] byId = new ServingRequest[setup.trace().requests().size()];
    int[] finishedAt = new int[byId.length];
    for (InstanceProcess p : instances) {
      for (ServingRequest r : p.finished()) {
        byId[r.request.id()] = r;
        finishedAt[r.request.id()] = p.index;
      }
    }
    List<RequestRecord> records = new ArrayList<>(byId.length);
    for (int id = 0; id < byId.length; id++) {
      ServingRequest r = byId[id];
      if (r == null) {
        throw new IllegalStateException("request " + id + " did not finish");
      }
      records.add(new RequestRecord(id, r.request.arrivalPicos(), r.request.promptTokens(),
          r.request.outputTokens(), r.firstTokenPicos, r.finishedPicos, Outcomes.tpotPicos(r),
          finishedAt[id], r.admittedBy, r.preemptions, r.prefixHitTokens));
    }
    return records;
  }

  private static double perChip(long tokens, double seconds, long chips) {
    return seconds > 0 && chips > 0 ? tokens / seconds / chips : 0;
  }

  /** What the instances did, summed; KV utilisation weighted by each instance's blocks. */
  private static final class InstanceTotals {
    long prefillTokens;
    long decodeTokens;
    long prefillChips;
    long decodeChips;
    long preemptions;
    long hashedPromptTokens;
    long hitTokens;
    long hostHitTokens;
    long hostLoadPicos;
    long ssdHitTokens;
    long ssdReadPicos;
    double utilisationBlockArea;
    long blocks;
    double peakUtilisation;

    void add(InstanceProcess p, long endPicos) {
      int chips = p.costs().layout().chips();
      prefillTokens += p.prefillTokens;
      decodeTokens += p.decodeTokens;
      prefillChips += p.role != Role.DECODE ? chips : 0;
      decodeChips += p.role != Role.PREFILL ? chips : 0;
      preemptions += p.preemptions;
      hashedPromptTokens += p.promptTokensWithHashes;
      hitTokens += p.prefixHitTokens;
      hostHitTokens += p.hostHitTokens;
      hostLoadPicos += p.hostLoadPicos;
      ssdHitTokens += p.ssdHitTokens;
      ssdReadPicos += p.ssdReadPicos;
      utilisationBlockArea += p.meanUtilisation(endPicos) * p.kv().totalBlocks();
      blocks += p.kv().totalBlocks();
      peakUtilisation = Math.max(peakUtilisation, p.peakUtilisation());
    }

    double meanUtilisation() {
      return blocks == 0 ? 0 : utilisationBlockArea / blocks;
    }
  }

  /** How {@code p}'s busiest EP rank was priced; null without expert parallelism. */
  private static ServingResult.ExpertLoad expertLoad(InstanceProcess p) {
    var costs = p.costs();
    if (costs.layout().ep() < 2) {
      return null;
    }
    return new ServingResult.ExpertLoad(costs.expertSampling().label(),
        costs.expertImbalance(), costs.expertImbalance(p.limits().tokenBudget()));
  }

  /** What one chip of {@code p} holds: weights by part, its KV share, a step's activations. */
  private static ServingResult.MemoryPerChip memory(InstanceProcess p, long kvTokens) {
    var w = p.costs().memory();
    var layout = p.costs().layout();
    return new ServingResult.MemoryPerChip(w.attentionBytes(), w.denseFfnBytes(),
        w.sharedExpertBytes(), w.routedExpertBytes(), w.embeddingAndHeadBytes(),
        w.normsAndRoutersBytes(),
        kvTokens / (double) layout.dpAttention() * p.costs().kvBytesPerTokenPerChip(),
        p.costs().activationBytesPerChip(p.limits().tokenBudget(), p.limits().maxBatch()));
  }
}
