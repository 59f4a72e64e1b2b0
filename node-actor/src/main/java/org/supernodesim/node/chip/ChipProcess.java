package org.supernodesim.node.chip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.graph.Progress;

/**
 * A chip: runs its rank's operation graph on several streams. Compute operations run one at a time
 * on the compute stream for the cost model's duration (a trace's measured one for {@link
 * Operation.Measured}); a {@link Operation.Delay} is a timer that holds no stream; collectives run
 * one at a time on the communication stream, step by step, each step's sends starting when the
 * previous step's receives have all arrived. The streams overlap wherever the graph allows.
 *
 * <p>With a {@link CollectiveTiming} (a training step, where only one rank per pipeline stage is
 * a process), each collective instead takes the timing's duration on the stream of its group, as
 * NCCL serialises the work of one communicator and runs separate communicators concurrently; so
 * tensor-parallel, data-parallel and expert-parallel collectives overlap each other. Point-to-point
 * {@link Operation.Send}s go straight to the transport; a {@link Operation.Recv} is done when its
 * message has arrived.
 */
public final class ChipProcess implements LogicalProcess<ChipProcess.Event> {

  /** What a chip reacts to. */
  public sealed interface Event {}

  /** The last byte of a peer's step {@code step} of collective {@code collectiveId} arrived. */
  public record ChunkArrived(int collectiveId, int step) implements Event {}

  private record ComputeFinished(int operationId) implements Event {}

  private record DelayFinished(int operationId) implements Event {}

  /** A peer's {@link Operation.Send} tagged {@code tag} arrived from global rank {@code source}. */
  public record MessageArrived(int source, int tag) implements Event {}

  private record TimedCollectiveFinished(int operationId) implements Event {}

  /**
   * When this chip took part in one collective, over {@code group} (the operation's group as this
   * chip's view reads it).
   */
  public record CollectiveSpan(
      Operation.Collective operation, List<Integer> group, long startedAtPicos,
      long finishedAtPicos) {}

  private final int rank;
  private final OperationGraph graph;
  private final Progress progress;
  private final ComputeCostModel costs;
  private final Transport transport;
  private final ArrayDeque<Operation> computeQueue = new ArrayDeque<>();
  private final ArrayDeque<Operation.Collective> communicationQueue = new ArrayDeque<>();
  private final List<CollectiveSpan> spans = new ArrayList<>();
  private final BusyTime activity; // an ActivityLog unless the tally keeps the collectives
  // Non-null: the cluster's tally takes each collective's span and the log keeps totals only.
  private final CollectiveTally tally;
  // Arrivals for collectives this chip has not started yet (a faster peer may be ahead), per
  // (collective, step); looked up by key only, never iterated, so its order cannot reach a result.
  // The running collective counts its arrivals in an array instead: the common case, kept cheap.
  private final Map<Long, Integer> earlyArrivals = new HashMap<>();
  private boolean computeBusy;
  private RunningCollective running;
  private long finishedAtPicos;
  private final CollectiveTiming timing;
  // Timed collectives: one stream per group (communicator), in the order groups first appear.
  private final Map<List<Integer>, GroupStream> groupStreams = new LinkedHashMap<>();
  // Messages and receives keyed by (source, tag); looked up by key only, never iterated.
  private final Map<Long, Integer> arrivedMessages = new HashMap<>();
  private final Map<Long, Integer> waitingReceives = new HashMap<>();
  private final RankView view;
  // Step-by-step collectives running on group streams, at most one per stream: found by collective
  // id with a scan of these few (a map boxed every id and was a tenth of a chip run's time).
  private final List<RunningCollective> onGroupStreams = new ArrayList<>();
  private int[] readyIds = new int[8]; // the batch of ready operations being queued, reused

  public ChipProcess(int rank, OperationGraph graph, ComputeCostModel costs, Transport transport) {
    this(rank, graph, costs, transport, null);
  }

  /**
   * A chip whose collectives take {@code timing}'s durations instead of running step by step with
   * peer processes; {@code timing} may be null for the step-by-step behaviour.
   */
  public ChipProcess(
      int rank, OperationGraph graph, ComputeCostModel costs, Transport transport,
      CollectiveTiming timing) {
    this(rank, graph, costs, transport, timing, RankView.IDENTITY);
  }

  /**
   * A chip running {@code graph} through {@code view}: the graph may be another rank's (its
   * stage's representative), its groups and peers mapped to this chip's. Collectives run on one
   * stream per group, each timed by {@code timing} or, where it answers {@link
   * CollectiveTiming#STEPS}, step by step with the peers through the transport.
   */
  public ChipProcess(
      int rank, OperationGraph graph, ComputeCostModel costs, Transport transport,
      CollectiveTiming timing, RankView view) {
    this(rank, graph, costs, transport, timing, view, null);
  }

  /**
   * As above; with a {@code tally}, the chip keeps no spans (for runs of thousands of chips that
   * draw no timeline): its collectives' spans go to the tally and its {@link #busyTime()} keeps
   * totals only.
   */
  ChipProcess(
      int rank, OperationGraph graph, ComputeCostModel costs, Transport transport,
      CollectiveTiming timing, RankView view, CollectiveTally tally) {
    this.tally = tally;
    this.activity = tally == null ? new ActivityLog() : new BusyTotals();
    this.view = view;
    this.rank = rank;
    this.graph = graph;
    this.progress = new Progress(graph);
    this.costs = costs;
    this.transport = transport;
    this.timing = timing;
  }

  @Override
  public void start(Context ctx) {
    dispatchReady(ctx);
  }

  @Override
  public void handle(Event event, Context ctx) {
    if (event instanceof ChunkArrived e) {
      onChunkArrived(e, ctx);
    } else if (event instanceof ComputeFinished e) {
      onComputeFinished(e, ctx);
    } else if (event instanceof DelayFinished e) {
      complete(e.operationId(), ctx);
    } else if (event instanceof MessageArrived e) {
      onMessageArrived(e, ctx);
    } else if (event instanceof TimedCollectiveFinished e) {
      onTimedCollectiveFinished(e, ctx);
    } else {
      throw new IllegalStateException("chip " + rank + ": no handler for " + event);
    }
  }

  /** The collectives this chip took part in, in the order it ran them. */
  public List<CollectiveSpan> collectiveSpans() {
    if (tally != null) {
      throw new IllegalStateException("chip " + rank + " gave its collectives' spans to a tally");
    }
    return List.copyOf(spans);
  }

  /** Every operation's span on its stream, for the timeline and the power model. */
  public ActivityLog activity() {
    if (activity instanceof ActivityLog log) {
      return log;
    }
    throw new IllegalStateException("chip " + rank + " kept its busy totals only, not its spans");
  }

  /** How long this chip's streams were busy (whether or not it kept its spans). */
  public BusyTime busyTime() {
    return activity;
  }

  /** This rank's operations (the names the timeline shows). */
  public OperationGraph graph() {
    return graph;
  }

  /** When this chip finished its last operation. */
  public long finishedAtPicos() {
    return finishedAtPicos;
  }

  /** True if every operation of the graph ran. */
  public boolean finished() {
    return progress.finished();
  }

  public int rank() {
    return rank;
  }

  /** Where this chip's time went, from its activity log. */
  public TimeSplit timeSplit() {
    return new TimeSplit(activity.computeBusyPicos(), activity.communicationOnlyPicos(),
        activity.communicationBusyPicos());
  }

  private void onComputeFinished(ComputeFinished e, Context ctx) {
    computeBusy = false;
    activity.finished(ActivityLog.COMPUTE, ctx.nowPicos(), e.operationId());
    complete(e.operationId(), ctx);
  }

  private void onMessageArrived(MessageArrived e, Context ctx) {
    long key = key(e.source(), e.tag());
    Integer receive = waitingReceives.remove(key);
    if (receive == null) {
      arrivedMessages.merge(key, 1, Integer::sum);
    } else {
      complete(receive, ctx);
    }
  }

  private void onTimedCollectiveFinished(TimedCollectiveFinished e, Context ctx) {
    Operation.Collective done = (Operation.Collective) graph.get(e.operationId());
    streamDone(groupStreams.get(done.group()), e.operationId(), ctx);
  }

  private void streamDone(GroupStream stream, int operationId, Context ctx) {
    stream.busy = false;
    activity.finished(stream.id, ctx.nowPicos(), operationId);
    complete(operationId, ctx);
  }

  private void onChunkArrived(ChunkArrived e, Context ctx) {
    RunningCollective target =
        running != null && running.operation.collectiveId() == e.collectiveId()
            ? running
            : onGroupStream(e.collectiveId());
    if (target != null) {
      target.arrivals[e.step()]++;
      advanceCollective(target, ctx);
    } else {
      earlyArrivals.merge(key(e.collectiveId(), e.step()), 1, Integer::sum);
    }
  }

  /** The collective {@code collectiveId} running on a group stream, or null. */
  private RunningCollective onGroupStream(int collectiveId) {
    for (int i = 0; i < onGroupStreams.size(); i++) {
      RunningCollective r = onGroupStreams.get(i);
      if (r.operation.collectiveId() == collectiveId) {
        return r;
      }
    }
    return null;
  }

  private void complete(int operationId, Context ctx) {
    progress.complete(operationId);
    finishedAtPicos = ctx.nowPicos();
    dispatchReady(ctx);
  }

  private void dispatchReady(Context ctx) {
    // Sends and already-arrived receives finish at once and may ready more: loop until quiet.
    while (progress.hasReady()) {
      // Take the whole batch first: queueing may ready more, which wait for the next batch.
      if (readyIds.length < progress.readyCount()) {
        readyIds = new int[Math.max(progress.readyCount(), 2 * readyIds.length)];
      }
      int[] ids = readyIds; // queueing below may re-enter and grow the field
      for (int i = 0, n = progress.takeReadyIds(ids); i < n; i++) {
        queue(graph.get(ids[i]), ctx);
      }
    }
    if (!computeBusy && !computeQueue.isEmpty()) {
      Operation c = computeQueue.poll();
      computeBusy = true;
      activity.started(ActivityLog.COMPUTE, c.id(), ctx.nowPicos());
      ctx.schedule(costs.computeStreamPicos(c), new ComputeFinished(c.id()));
    }
    if (timing != null) {
      startTimedCollectives(ctx);
    }
    if (running == null && !communicationQueue.isEmpty()) {
      running = startSteps(communicationQueue.poll(), null, ctx);
      beginStep(running, ctx);
      advanceCollective(running, ctx);
    }
  }

  /** Starts {@code c}'s steps with its peers, on {@code stream} (null: the one stream). */
  private RunningCollective startSteps(Operation.Collective c, GroupStream stream, Context ctx) {
    List<Integer> group = view.group(c.group());
    int member = memberIndex(group, rank);
    if (member < 0) {
      throw new IllegalStateException("chip " + rank + " is not in the group of " + c.name());
    }
    List<Step> steps =
        transport.collectives().schedule(
            c.kind(), c.algorithm(), group, member, c.bytes(), c.sourceBytes(),
            c.destinationBytes());
    RunningCollective r = new RunningCollective(c, group, steps, ctx.nowPicos(), stream);
    activity.started(stream == null ? ActivityLog.COMMUNICATION : stream.id, c.id(),
        ctx.nowPicos());
    if (!earlyArrivals.isEmpty()) {
      for (int k = 0; k < steps.size(); k++) {
        Integer early = earlyArrivals.remove(key(c.collectiveId(), k));
        r.arrivals[k] += early == null ? 0 : early;
      }
    }
    return r;
  }

  /**
   * Where {@code rank} is in {@code group}, or -1. A group lists each rank once, and most list
   * ranks 0.. in order (all chips of a benchmark): there a rank is its own index, found without the
   * search (one per chip of a group as long as the cluster, which was some ms of a 384-chip run).
   */
  private static int memberIndex(List<Integer> group, int rank) {
    return rank < group.size() && group.get(rank) == rank ? rank : group.indexOf(rank);
  }

  private void queue(Operation op, Context ctx) {
    if (ComputeCostModel.runsOnComputeStream(op)) {
      computeQueue.add(op);
    } else if (op instanceof Operation.Delay d) {
      ctx.schedule(d.durationPicos(), new DelayFinished(d.id())); // a wait on no stream
    } else if (op instanceof Operation.Collective c && timing != null) {
      groupStreams.computeIfAbsent(c.group(), g -> new GroupStream(groupStreams.size())).queue
          .add(c);
    } else if (op instanceof Operation.Collective c) {
      communicationQueue.add(c);
    } else if (op instanceof Operation.Send s) {
      int peer = view.peer(s.peer());
      transport.send(ctx, rank, peer, new Step.Transfer(peer, s.bytes()),
          new MessageArrived(rank, s.tag()));
      completeAtOnce(s.id(), ctx); // fire and forget: the receiver waits for the bytes
    } else if (op instanceof Operation.Recv r) {
      receive(r, ctx);
    } else {
      throw new IllegalStateException("chip " + rank + ": cannot run " + op);
    }
  }

  private void completeAtOnce(int operationId, Context ctx) {
    progress.complete(operationId);
    finishedAtPicos = ctx.nowPicos();
  }

  private void receive(Operation.Recv r, Context ctx) {
    long key = key(view.peer(r.peer()), r.tag());
    Integer arrived = arrivedMessages.remove(key);
    if (arrived == null) {
      waitingReceives.put(key, r.id());
    } else {
      if (arrived > 1) {
        arrivedMessages.put(key, arrived - 1);
      }
      completeAtOnce(r.id(), ctx);
    }
  }

  private void startTimedCollectives(Context ctx) {
    for (GroupStream stream : groupStreams.values()) {
      if (!stream.busy && !stream.queue.isEmpty()) {
        Operation.Collective c = stream.queue.poll();
        stream.busy = true;
        long picos = timing.picos(c);
        if (picos == CollectiveTiming.STEPS) {
          RunningCollective r = startSteps(c, stream, ctx);
          onGroupStreams.add(r);
          beginStep(r, ctx);
          advanceCollective(r, ctx);
        } else {
          activity.started(stream.id, c.id(), ctx.nowPicos());
          ctx.schedule(picos, new TimedCollectiveFinished(c.id()));
        }
      }
    }
  }

  private void beginStep(RunningCollective r, Context ctx) {
    if (r.step >= r.stepCount) {
      return;
    }
    Step step = r.steps.get(r.step);
    r.expectedArrivals = step.receives().size();
    ChunkArrived arrival = new ChunkArrived(r.operation.collectiveId(), r.step);
    // Indexed, not iterated: no iterator per step on the hottest path.
    List<Step.Transfer> sends = step.sends();
    for (int i = 0, n = sends.size(); i < n; i++) {
      Step.Transfer t = sends.get(i);
      transport.send(ctx, rank, r.group.get(t.peer()), t, arrival);
    }
  }

  /** Moves through every step whose receives are all in; finishes the collective after the last. */
  private void advanceCollective(RunningCollective r, Context ctx) {
    while (r.step < r.stepCount) {
      if (r.arrivals[r.step] < r.expectedArrivals) {
        return;
      }
      r.step++;
      beginStep(r, ctx);
    }
    if (r.stream != null) {
      onGroupStreams.remove(r);
      streamDone(r.stream, r.operation.id(), ctx);
      return;
    }
    running = null;
    if (tally != null) {
      tally.add(rank, r.operation, r.group, r.startedAtPicos, ctx.nowPicos());
    } else {
      spans.add(new CollectiveSpan(r.operation, r.group, r.startedAtPicos, ctx.nowPicos()));
    }
    activity.finished(ActivityLog.COMMUNICATION, ctx.nowPicos(), r.operation.id());
    complete(r.operation.id(), ctx);
  }

  private static long key(int collectiveId, int step) {
    return ((long) collectiveId << 32) | (step & 0xffffffffL);
  }

  /** A group's stream of timed collectives: one runs at a time, the rest wait in order. */
  private static final class GroupStream {
    final ArrayDeque<Operation.Collective> queue = new ArrayDeque<>();
    final int id;
    boolean busy;

    /** The {@code index}-th group this chip met: its activity-log stream after the default. */
    GroupStream(int index) {
      this.id = ActivityLog.COMMUNICATION + 1 + index;
    }
  }

  /** The collective on the communication stream and the step it has reached. */
  private static final class RunningCollective {
    final Operation.Collective operation;
    final List<Integer> group;
    final List<Step> steps;
    final long startedAtPicos;
    final GroupStream stream;
    final int[] arrivals;
    final int stepCount;
    int step;
    int expectedArrivals; // the current step's receives

    RunningCollective(
        Operation.Collective operation, List<Integer> group, List<Step> steps,
        long startedAtPicos, GroupStream stream) {
      this.operation = operation;
      this.group = group;
      this.steps = steps;
      this.startedAtPicos = startedAtPicos;
      this.stream = stream;
      this.stepCount = steps.size();
      this.arrivals = new int[stepCount];
    }
  }
}
