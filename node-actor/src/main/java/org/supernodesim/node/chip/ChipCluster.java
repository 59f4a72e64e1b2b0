package org.supernodesim.node.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The chips of one run as logical processes (process id = rank), and what they measured once the
 * run is over.
 */
public final class ChipCluster {
  /** What the chips keep of their run. */
  public enum Recording {
    /** Every operation's span and every chip's collective spans: what a timeline draws. */
    SPANS,
    /**
     * Per-chip totals, and each collective's timing recorded by kind as its last member finishes:
     * the same network result and time splits but no timeline and no list of every collective,
     * in memory that does not grow with the operations each chip runs.
     */
    TOTALS
  }

  private final List<ChipProcess> chips;
  private final Transport transport;
  private final CollectiveTally tally; // null: the chips keep their spans

  private ChipCluster(List<ChipProcess> chips, Transport transport, CollectiveTally tally) {
    this.chips = chips;
    this.transport = transport;
    this.tally = tally;
  }

  /** One chip process per rank graph, all with the same cost model and transport. */
  public static ChipCluster assemble(
      List<OperationGraph> graphs, ComputeCostModel costs, Transport transport) {
    return assemble(graphs, costs, transport, Recording.SPANS);
  }

  /** As above, the chips keeping what {@code recording} says. */
  public static ChipCluster assemble(
      List<OperationGraph> graphs, ComputeCostModel costs, Transport transport,
      Recording recording) {
    CollectiveTally tally = tally(recording, transport);
    List<ChipProcess> chips = new ArrayList<>(graphs.size());
    for (OperationGraph g : graphs) {
      if (g.rank() != chips.size()) {
        throw new IllegalArgumentException("graphs must come in rank order; got rank " + g.rank());
      }
      chips.add(new ChipProcess(g.rank(), g, costs, transport, null, RankView.IDENTITY, tally));
    }
    return new ChipCluster(chips, transport, tally);
  }

  private static CollectiveTally tally(Recording recording, Transport transport) {
    return recording == Recording.TOTALS ? new CollectiveTally(transport.collectives()) : null;
  }

  /**
   * {@code chips} chips running one shared graph, chip c through {@code views}' c-th view (its
   * own groups and peers; null: chip c idles, running nothing), all with the same cost model and
   * transport: a workload whose ranks walk the same operations over different groups, held once
   * however many chips run it.
   */
  public static ChipCluster assembleShared(
      OperationGraph graph, int chips, IntFunction<RankView> views, ComputeCostModel costs,
      Transport transport) {
    return assembleShared(graph, chips, views, costs, transport, Recording.SPANS);
  }

  /** As above, the chips keeping what {@code recording} says. */
  public static ChipCluster assembleShared(
      OperationGraph graph, int chips, IntFunction<RankView> views, ComputeCostModel costs,
      Transport transport, Recording recording) {
    CollectiveTally tally = tally(recording, transport);
    List<ChipProcess> processes = new ArrayList<>(chips);
    OperationGraph idle = null;
    for (int c = 0; c < chips; c++) {
      RankView view = views.apply(c);
      if (view == null) {
        idle = idle == null ? new OperationGraph(c, List.of()) : idle.forRank(c);
        processes.add(new ChipProcess(c, idle, costs, transport, null, RankView.IDENTITY, tally));
      } else {
        processes.add(new ChipProcess(c, graph, costs, transport, null, view, tally));
      }
    }
    return new ChipCluster(processes, transport, tally);
  }

  /** The simulation a runtime runs: these chips with the transport's lookahead. */
  public Simulation simulation() {
    List<LogicalProcess<?>> processes = new ArrayList<>(chips);
    processes.addAll(transport.processes());
    return new Simulation(processes, transport.lookaheadPicos());
  }

  public List<ChipProcess> chips() {
    return chips;
  }

  /**
   * Each collective's timing, in the order they were issued: from its last member starting (all
   * have joined) to its last finishing.
   *
   * @throws IllegalStateException if a chip did not finish its graph (a deadlock in the workload)
   */
  public List<CollectiveResult> collectiveResults() {
    checkFinished();
    if (tally != null) {
      throw new IllegalStateException(
          "the chips kept totals (Recording.TOTALS), not every collective: ask collectiveCount()"
              + " and networkResult()");
    }
    TreeMap<Long, long[]> spans = new TreeMap<>();
    TreeMap<Long, ChipProcess.CollectiveSpan> first = new TreeMap<>();
    for (ChipProcess chip : chips) {
      for (ChipProcess.CollectiveSpan s : chip.collectiveSpans()) {
        long key = key(s.operation(), s.group());
        first.putIfAbsent(key, s);
        // From the last member joining, as nccl-tests times a collective after a barrier: an
        // early member's wait for the others is the previous operation's skew, not this one.
        long[] span = spans.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
        span[0] = Math.max(span[0], s.startedAtPicos());
        span[1] = Math.max(span[1], s.finishedAtPicos());
      }
    }
    List<CollectiveResult> results = new ArrayList<>(spans.size());
    spans.forEach(
        (key, span) -> {
          Operation.Collective op = first.get(key).operation();
          List<Integer> group = first.get(key).group();
          String algorithm =
              transport.collectives().resolve(op.kind(), op.algorithm(), group, op.bytes())
                  .name();
          results.add(
              CollectiveResult.of(op.kind(), algorithm, group.size(), op.bytes(), span[1] - span[0]));
        });
    return results;
  }

  /** How many collectives ran: {@link #collectiveResults()}' size, with either recording. */
  public long collectiveCount() {
    checkFinished();
    return tally != null ? tally.count() : collectiveResults().size();
  }

  private void checkFinished() {
    for (ChipProcess chip : chips) {
      if (!chip.finished()) {
        throw new IllegalStateException(
            "chip " + chip.rank() + " did not finish its operations: the workload deadlocks");
      }
    }
    if (tally != null && tally.inFlight() > 0) {
      throw new IllegalStateException(tally.inFlight() + " collectives lack members");
    }
  }

  /**
   * A collective's key: its id, then its group's first member. The chips of one collective share
   * both; ranks of a {@linkplain #assembleShared shared graph} share the id of one issue over
   * their different groups, which the group tells apart. Ascending keys are ascending ids.
   */
  static long key(Operation.Collective operation, List<Integer> group) {
    return ((long) operation.collectiveId() << 32) | (group.get(0) & 0xffffffffL);
  }

  /**
   * What the network did: bytes per tier, the {@code busiestLinks} busiest links (flow model),
   * and the timings of each distinct collective with percentiles over its repeats.
   */
  public NetworkResult networkResult(NetworkModel model, int busiestLinks) {
    checkFinished();
    return new NetworkResult(
        model, transport.bytesPerTier(), transport.busiestLinks(busiestLinks),
        tally != null ? tally.timings() : NetworkResult.timings(collectiveResults()));
  }

  /** When the last chip finished its last operation. */
  public long finishedAtPicos() {
    long end = 0;
    for (ChipProcess c : chips) {
      end = Math.max(end, c.finishedAtPicos());
    }
    return end;
  }
}
