package org.supernodesim.node.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.network.Sharing;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.node.fabric.FabricProcess;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.results.serving.StepLog;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.Overlap;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.StepCost;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.InstanceChips;
import org.supernodesim.workload.inference.HostTier;

/**
 * One serving instance (a model replica on its chips) as a logical process: a continuous-batching
 * scheduler in the manner of vLLM (Kwon et al., SOSP 2023; Orca, OSDI 2022). Each step takes the
 * running requests in admission order (a decode token each, or the next prefill chunk), then
 * admits waiting requests first come first served, within the batch and token limits and the free
 * KV blocks; the step lasts what the {@link StepCostModel} says. When a running request needs a
 * block and none is free, the most recently admitted request is preempted: its KV is dropped and
 * it waits at the head of the queue to be recomputed.
 */
final class InstanceProcess implements LogicalProcess<InstanceProcess.Event> {

  /** What an instance reacts to. */
  sealed interface Event {}

  /** A new request from the router (unified and prefill instances). */
  record Admit(ServingRequest request) implements Event {}

  /** A request whose prompt KV a prefill instance sent (decode instances). */
  record KvArrived(ServingRequest request) implements Event {}

  /** From the fabric (flow model): a transfer of the step's current phase has arrived. */
  record CommArrived() implements Event {}

  /** From the fabric (flow model): one of {@code lanes} lanes of a prefill's KV has arrived. */
  record KvLaneArrived(ServingRequest request, int lanes) implements Event {}

  private record StepFinished() implements Event {}

  /** Its own timer (flow model): a phase's repeats have paid their latencies. */
  private record PhaseWaited() implements Event {}

  /**
   * The flow model's fabric as an instance sees it: the fabric process, the delay of a request to
   * it, the instance's chips and the routes.
   */
  record FlowFabric(int processId, long lookaheadPicos, InstanceChips chips, Router router) {}

  /**
   * Where a prefill's KV goes: the delay, from {@code nowPicos}, until {@code bytes} sent to decode
   * instance {@code to} have arrived.
   */
  @FunctionalInterface
  interface KvRoute {
    long transferPicos(int to, int requestId, long bytes, long nowPicos);

    /** The (sending chip, receiving chip) lanes of a request's KV, for the flow model. */
    default List<int[]> lanes(int to, int requestId) {
      throw new UnsupportedOperationException("this KV route has no lanes");
    }
  }

  /** A step of {@code batch} on this instance: compute and its collectives, priced. */
  @FunctionalInterface
  interface StepPricing {
    StepCost price(Batch batch);
  }

  final int index;
  final Role role;
  final int firstChip;
  private final int routerId;
  private final int[] instanceProcessIds;
  private final long notifyPicos;
  private final StepCostModel costs;
  private final StepPricing pricing;
  private final SchedulerLimits limits;
  private final KvCache kv;
  private final KvRoute kvRoute;
  private final FlowFabric flow; // null on the analytical model, whose pricing times the steps
  private final HostTier hostTier;
  private long stepLoadTokens; // host-tier tokens the step being formed loads first
  private long stepSsdTokens; // SSD-tier tokens it loads first (read into host memory, then up)
  private final StepLog log; // what the reports draw over time; fed in event order
  final TokenLog tokenLog = new TokenLog(); // tokens per step end, for the steady-state window
  private final ArrayDeque<ServingRequest> waiting = new ArrayDeque<>();
  private final List<ServingRequest> running = new ArrayList<>();
  private final List<ServingRequest> batch = new ArrayList<>();
  private final List<Long> batchTokens = new ArrayList<>();
  private final List<ServingRequest> finished = new ArrayList<>();
  private boolean busy;

  // Measurements.
  long steps;
  long busyPicos;
  /** One chip's kernel time over the steps, and the part of it that is non-GEMM kernels. */
  long kernelPicos;
  long nonGemmPicos;
  long admissions;
  long preemptions;
  long prefillTokens;
  long decodeTokens;
  long firstTokens;
  long promptTokensWithHashes;
  long prefixHitTokens;
  long hostHitTokens;
  long hostLoadPicos;
  long ssdHitTokens;
  long ssdReadPicos;
  int peakBatch;
  private double utilisationArea;
  private double utilisationPeak;
  private long lastObservedPicos;
  private double utilisationNow;

  InstanceProcess(
      int index, Role role, int firstChip, int routerId, int[] instanceProcessIds,
      long notifyPicos, StepCostModel costs, SchedulerLimits limits, KvCache kv,
      KvRoute kvRoute) {
    this(index, role, firstChip, routerId, instanceProcessIds, notifyPicos, costs,
        costs::step, limits, kv, kvRoute, new StepLog(), null, HostTier.NONE);
  }

  /** An instance whose state over time goes to {@code log} (which the reports draw). */
  InstanceProcess(
      int index, Role role, int firstChip, int routerId, int[] instanceProcessIds,
      long notifyPicos, StepCostModel costs, StepPricing pricing, SchedulerLimits limits,
      KvCache kv, KvRoute kvRoute, StepLog log, FlowFabric flow, HostTier hostTier) {
    this.index = index;
    this.role = role;
    this.firstChip = firstChip;
    this.routerId = routerId;
    this.instanceProcessIds = instanceProcessIds;
    this.notifyPicos = notifyPicos;
    this.costs = costs;
    this.pricing = pricing;
    this.limits = limits;
    this.kv = kv;
    this.kvRoute = kvRoute;
    this.log = log;
    this.flow = flow;
    this.hostTier = hostTier;
  }

  @Override
  public void start(Context ctx) {}

  @Override
  public void handle(Event event, Context ctx) {
    observe(ctx.nowPicos());
    if (event instanceof Admit e) {
      onAdmit(e.request(), ctx);
    } else if (event instanceof KvArrived e) {
      onKvArrived(e.request(), ctx);
    } else if (event instanceof StepFinished) {
      onStepFinished(ctx);
    } else if (event instanceof CommArrived) {
      onCommArrived(ctx);
    } else if (event instanceof PhaseWaited) {
      startPhase(ctx);
    } else if (event instanceof KvLaneArrived e) {
      onKvLaneArrived(e, ctx);
    } else {
      throw new IllegalStateException("instance " + index + ": no handler for " + event);
    }
    utilisationNow = kv.utilisation();
    utilisationPeak = Math.max(utilisationPeak, utilisationNow);
    log.observe(ctx.nowPicos(), waiting.size(), running.size(), utilisationNow);
  }

  /** The requests that finished here, in the order they finished. */
  List<ServingRequest> finished() {
    return finished;
  }

  StepLog log() {
    return log;
  }

  SchedulerLimits limits() {
    return limits;
  }

  StepCostModel costs() {
    return costs;
  }

  KvCache kv() {
    return kv;
  }

  /** Time-weighted mean of the KV utilisation from 0 to {@code endPicos}. */
  double meanUtilisation(long endPicos) {
    observe(endPicos);
    return endPicos == 0 ? 0 : utilisationArea / endPicos;
  }

  double peakUtilisation() {
    return utilisationPeak;
  }

  private void observe(long nowPicos) {
    utilisationArea += utilisationNow * (nowPicos - lastObservedPicos);
    lastObservedPicos = nowPicos;
  }

  private void onAdmit(ServingRequest r, Context ctx) {
    log.arrived(ctx.nowPicos());
    r.admittedBy = index;
    enqueue(r);
    tryStep(ctx);
  }

  private void onKvArrived(ServingRequest r, Context ctx) {
    log.arrived(ctx.nowPicos());
    r.computed = r.request.promptTokens();
    enqueue(r);
    tryStep(ctx);
  }

  private void enqueue(ServingRequest r) {
    if (kv.neverFits(r.request.promptTokens() + (long) r.request.outputTokens())) {
      throw new IllegalStateException("request " + r.request.id() + " needs "
          + (r.request.promptTokens() + r.request.outputTokens()) + " tokens of KV cache; instance "
          + index + " holds " + kv.totalBlocks() * limits.blockTokens()
          + "; give the instance more chips or shorten the trace's requests");
    }
    waiting.add(r);
  }

  private void tryStep(Context ctx) {
    if (busy) {
      return;
    }
    batch.clear();
    batchTokens.clear();
    stepLoadTokens = 0;
    stepSsdTokens = 0;
    long preemptedBefore = preemptions;
    long budget = continueRunning(limits.tokenBudget());
    if (preemptions == preemptedBefore) {
      admitWaiting(budget); // as vLLM: a step that had to preempt admits nobody new
    }
    if (batch.isEmpty()) {
      if (preemptions > preemptedBefore) {
        tryStep(ctx); // everything that ran was preempted: admit from the queue again
      }
      return;
    }
    startStep(ctx);
  }

  /**
   * Puts each running request's next tokens in the batch, in admission order, preempting the
   * latest admitted while KV blocks run short; returns the token budget left.
   */
  private long continueRunning(long budget) {
    for (int i = 0; i < running.size() && batch.size() < limits.maxBatch() && budget > 0; i++) {
      ServingRequest r = running.get(i);
      long want = r.target() - r.computed;
      long n = Math.min(want, budget);
      if (!limits.chunkedPrefill() && n < want) {
        continue;
      }
      while (!kv.grow(r, r.computed + n)) {
        ServingRequest victim = running.get(running.size() - 1);
        preempt(victim);
        if (victim == r) {
          break;
        }
      }
      if (i < running.size() && running.get(i) == r) {
        batch.add(r);
        batchTokens.add(n);
        budget -= n;
      }
    }
    return budget;
  }

  /** Admits waiting requests first come first served while the batch, budget and KV allow. */
  private void admitWaiting(long budget) {
    while (!waiting.isEmpty() && batch.size() < limits.maxBatch() && budget > 0) {
      ServingRequest r = waiting.peek();
      boolean lookup = role != Role.DECODE && kv.prefixCaching() && r.computed == 0
          && r.request.prefixBlocks().length > 0;
      if (lookup) {
        r.computed = kv.attachPrefix(r);
      }
      long want = r.target() - r.computed;
      long n = limits.chunkedPrefill() ? Math.min(want, budget) : want;
      boolean fits = limits.chunkedPrefill() || n <= budget || batch.isEmpty();
      if (!fits || !kv.grow(r, r.computed + n)) {
        if (lookup) {
          kv.release(r);
          r.computed = 0;
        }
        return;
      }
      waiting.poll();
      admissions++;
      if (lookup) {
        stepLoadTokens += r.hostHitTokens;
        hostHitTokens += r.hostHitTokens;
        stepSsdTokens += r.ssdHitTokens;
        ssdHitTokens += r.ssdHitTokens;
      }
      if (lookup && r.prefixHitTokens < 0) {
        r.prefixHitTokens = r.computed;
        prefixHitTokens += r.computed;
        promptTokensWithHashes += r.request.promptTokens();
      }
      running.add(r);
      batch.add(r);
      batchTokens.add(n);
      budget -= n;
    }
  }

  /** Prices the batch and schedules its end. */
  private void startStep(Context ctx) {
    long tokens = 0;
    long attended = 0;
    long kvRead = 0;
    long logits = 0;
    for (int k = 0; k < batch.size(); k++) {
      ServingRequest r = batch.get(k);
      long n = batchTokens.get(k);
      long start = r.computed;
      tokens += n;
      attended += n * start + n * (n + 1) / 2;
      kvRead += start + n;
      logits += start + n == r.target() ? 1 : 0;
    }
    Batch b = new Batch(tokens, attended, kvRead, logits);
    busy = true;
    steps++;
    peakBatch = Math.max(peakBatch, batch.size());
    if (flow != null) {
      startFlowStep(b, tokens, ctx);
      return;
    }
    StepCost cost = pricing.price(b);
    kernelPicos += cost.computePicos();
    nonGemmPicos += cost.nonGemmPicos();
    long picos = cost.picos() + load();
    busyPicos += picos;
    log.stepped(ctx.nowPicos(), picos, batch.size(), tokens, waiting.size(), kv.utilisation());
    ctx.schedule(picos, new StepFinished());
  }

  // The step in flight on the flow model: its cost, when it began and its communication phases.
  private StepCost flowCost;
  private long flowStartPicos;
  private long flowTokens;
  private int flowQueued;
  private double flowKv;
  private List<FlowPhases.Phase> phases = List.of();
  private int phase;
  private int outstanding;
  private long phaseStartPicos;
  private long[] demandPicos;
  // KV lanes arrived per request, until all have (looked up, never iterated).
  private final Map<ServingRequest, Integer> lanesArrived = new IdentityHashMap<>();

  /**
   * A step on the flow model: its collectives go through the fabric phase by phase, after its
   * compute (no overlap) or beside it (two-batch overlap); when the last phase is in, the step
   * lasts what the overlap makes of its compute and the communication time measured.
   */
  private void startFlowStep(Batch b, long tokens, Context ctx) {
    flowCost = costs.step(b);
    kernelPicos += flowCost.computePicos();
    nonGemmPicos += flowCost.nonGemmPicos();
    flowStartPicos = ctx.nowPicos();
    flowTokens = tokens;
    flowQueued = waiting.size();
    flowKv = kv.utilisation();
    phases = FlowPhases.of(flowCost.communication(), flow.chips(), flow.router());
    demandPicos = new long[flowCost.communication().size()];
    phase = -1;
    if (phases.isEmpty()) {
      endFlowStep(ctx);
    } else if (flowCost.overlap() == Overlap.NONE) {
      ctx.schedule(flowCost.computePicos(), new PhaseWaited());
    } else {
      startPhase(ctx);
    }
  }

  /** Sends the next phase's transfers, or ends the step after the last. */
  private void startPhase(Context ctx) {
    if (phase >= 0) {
      demandPicos[phases.get(phase).demand()] = ctx.nowPicos() - phaseStartPicos;
    }
    phaseStartPicos = ctx.nowPicos();
    phase++;
    if (phase == phases.size()) {
      endFlowStep(ctx);
      return;
    }
    FlowPhases.Phase p = phases.get(phase);
    outstanding = p.sends().size();
    for (FlowPhases.Send send : p.sends()) {
      ctx.send(flow.processId(), flow.lookaheadPicos(), new FabricProcess.StartTransfer(
          send.from(), send.to(), send.bytes(), Sharing.PLAIN, new CommArrived()));
    }
  }

  private void onCommArrived(Context ctx) {
    if (--outstanding == 0) {
      ctx.schedule(phases.get(phase).waitPicos(), new PhaseWaited());
    }
  }

  /** The step ends as its overlap combines compute and the measured communication. */
  private void endFlowStep(Context ctx) {
    long picos = Math.max(ctx.nowPicos() - flowStartPicos,
        flowCost.repriced(demandPicos).picos() + load());
    busyPicos += picos;
    log.stepped(flowStartPicos, picos, batch.size(), flowTokens, flowQueued, flowKv);
    ctx.schedule(flowStartPicos + picos - ctx.nowPicos(), new StepFinished());
  }

  /**
   * The tiers' load the step waits for, counted once: the SSD-tier tokens read into host memory,
   * then they and the host-tier tokens over the host link ({@link HostTier}).
   */
  private long load() {
    double bytes = costs.kvBytesPerTokenPerChip();
    long ssdPicos = hostTier.ssdReadPicos(stepSsdTokens, bytes);
    long picos = hostTier.loadPicos(stepLoadTokens, stepSsdTokens, bytes);
    hostLoadPicos += picos;
    ssdReadPicos += ssdPicos;
    stepLoadTokens = 0;
    stepSsdTokens = 0;
    return picos;
  }

  private void onKvLaneArrived(KvLaneArrived e, Context ctx) {
    int arrived = lanesArrived.merge(e.request(), 1, Integer::sum);
    if (arrived == e.lanes()) {
      lanesArrived.remove(e.request());
      onKvArrived(e.request(), ctx);
    }
  }

  private void preempt(ServingRequest victim) {
    kv.release(victim);
    victim.computed = 0;
    running.remove(running.size() - 1);
    waiting.addFirst(victim);
    preemptions++;
    victim.preemptions++;
  }

  private void onStepFinished(Context ctx) {
    busy = false;
    long prefillBefore = prefillTokens;
    long outputBefore = decodeTokens + firstTokens;
    List<ServingRequest> left = new ArrayList<>();
    for (int k = 0; k < batch.size(); k++) {
      ServingRequest r = batch.get(k);
      long n = batchTokens.get(k);
      boolean prefill = r.computed < r.request.promptTokens() + Math.max(0, r.generated - 1L);
      if (prefill) {
        prefillTokens += n;
      }
      r.computed += n;
      if (r.computed < r.target()) {
        continue; // a prefill chunk short of the end of the prompt
      }
      if (kv.prefixCaching() && role != Role.DECODE && r.generated == 0) {
        kv.publishPrompt(r);
      }
      r.generated++;
      if (r.generated == 1) {
        r.firstTokenPicos = ctx.nowPicos();
        firstTokens++;
      } else {
        decodeTokens++;
      }
      if (r.done()) {
        r.finishedPicos = ctx.nowPicos();
        finished.add(r);
        leave(r, true, ctx);
        left.add(r);
      } else if (role == Role.PREFILL) {
        leave(r, false, ctx);
        left.add(r);
        long bytes = r.request.promptTokens() * costs.kvBytesPerToken();
        if (flow != null) {
          sendKvLanes(r, bytes, ctx);
          continue;
        }
        ctx.send(instanceProcessIds[r.decodeInstance],
            Math.max(notifyPicos, kvRoute.transferPicos(
                r.decodeInstance, r.request.id(), bytes, ctx.nowPicos())),
            new KvArrived(r));
      }
    }
    if (!left.isEmpty()) {
      running.removeIf(left::contains);
    }
    tokenLog.add(ctx.nowPicos(), prefillTokens - prefillBefore,
        decodeTokens + firstTokens - outputBefore);
    tryStep(ctx);
  }

  /** A prefill's KV as transfers through the fabric, one per lane (see {@link KvLanes}). */
  private void sendKvLanes(ServingRequest r, long bytes, Context ctx) {
    List<int[]> lanes = kvRoute.lanes(r.decodeInstance, r.request.id());
    long share = (bytes + lanes.size() - 1) / lanes.size();
    for (int[] lane : lanes) {
      ctx.send(flow.processId(), flow.lookaheadPicos(), new FabricProcess.StartTransfer(
          lane[0], lane[1], share, Sharing.PLAIN, new KvLaneArrived(r, lanes.size())));
    }
  }

  /** Frees what {@code r} holds here and tells the router. */
  private void leave(ServingRequest r, boolean completed, Context ctx) {
    kv.release(r);
    ctx.send(routerId, notifyPicos, new RouterProcess.Left(index, r.request.id(), completed));
  }
}
