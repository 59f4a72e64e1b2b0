package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.text.TextDialect;
import org.supernodesim.workload.trace.text.TextReplay;

/**
 * A cluster that keeps totals ({@link ChipCluster.Recording#TOTALS}) measures what one that keeps
 * every span does, to the picosecond; and ranks running one shared walk measure what their own
 * graphs do, collective by collective.
 */
class ChipClusterRecordingTest {

  /**
   * What a run's results are made of: when it ended, how many collectives ran, the network result
   * (bytes per tier, each kind of collective's timings), each chip's time split.
   */
  private record Measured(
      long finishedAtPicos, long collectives, NetworkResult network, List<TimeSplit> splits) {
    static Measured of(ChipCluster cluster) {
      TraceReplayTest.finish(cluster);
      return measure(cluster);
    }

    static Measured measure(ChipCluster cluster) {
      return new Measured(cluster.finishedAtPicos(), cluster.collectiveCount(),
          cluster.networkResult(NetworkModel.ANALYTICAL, 4),
          cluster.chips().stream().map(ChipProcess::timeSplit).toList());
    }
  }

  /** SimAI's MoE layers on 32 ranks, algorithms by closed form. */
  private static TextReplay moeOn32Ranks() {
    return TextReplay.of(
        TraceReplayTest.moeOn32Ranks("simai/workload_analytical.txt"),
        new TextReplay.Options(OptionalInt.empty(), TextDialect.TICK_PICOS, OptionalInt.empty(),
            AlgorithmChoice.AUTO, 1));
  }

  @Test
  void theMoeOnPerRankGraphsAndOnTheSharedWalkMeasuresTheSameWithSpansOrTotals() {
    // Given SimAI's MoE layers on 32 ranks (TP 2, PP 2, EP 4): groups of 2, 4, 8 and 2.
    TextReplay replay = moeOn32Ranks();
    List<OperationGraph> graphs = replay.graphs().graphs();
    ComputeCostModel costs = new ComputeCostModel(TraceReplayTest.CHIP);

    // When each rank runs its own graph keeping spans (the reference), then totals; and when
    // they share one walk, keeping spans, then totals.
    Measured reference = Measured.of(ChipCluster.assemble(graphs, costs,
        TraceReplayTest.transport(32), ChipCluster.Recording.SPANS));
    Measured totals = Measured.of(ChipCluster.assemble(graphs, costs,
        TraceReplayTest.transport(32), ChipCluster.Recording.TOTALS));
    Measured shared = Measured.of(
        TraceReplayTest.shared(replay.sharedWalk(), ChipCluster.Recording.SPANS));
    Measured sharedTotals = Measured.of(
        TraceReplayTest.shared(replay.sharedWalk(), ChipCluster.Recording.TOTALS));

    // Then all four agree on every figure, and the collectives are every group's, not one per
    // issue of the walk.
    assertEquals(reference, totals, "totals equal the spans' figures");
    assertEquals(reference, shared, "the shared walk measures what the ranks' own graphs do");
    assertEquals(reference, sharedTotals, "and so with totals");
    ChipCluster onActors =
        TraceReplayTest.shared(replay.sharedWalk(), ChipCluster.Recording.TOTALS);
    try (ActorRuntime runtime = new ActorRuntime(2, 8)) {
      runtime.run(onActors.simulation());
    }
    assertEquals(reference, Measured.measure(onActors),
        "totals folded from two threads: the same figures");
    long groupsIssued = graphs.stream()
        .mapToLong(g -> g.operations().stream()
            .filter(op -> op instanceof org.supernodesim.workload.graph.Operation.Collective c
                && c.group().get(0) == g.rank())
            .count())
        .sum();
    assertEquals(groupsIssued, reference.collectives(), "one per group's collective");
    assertEquals(Measured.of(ChipCluster.assemble(graphs, costs, TraceReplayTest.transport(32),
        ChipCluster.Recording.SPANS)).collectives(), groupsIssued);
  }

  @Test
  void aChakraTraceMeasuresTheSameWithSpansOrTotals() {
    // Given the Chakra ResNet-50 converted for 64 ranks: per-rank graphs, data-parallel all-reduce
    // while the layers compute (compute and communication overlap).
    List<OperationGraph> graphs = TraceResources.chakraGraphs(
        TraceResources.chakra("chakra-et/converted/resnet50_ns_64", "resnet50_ns_64", 64),
        AlgorithmChoice.RING);
    ComputeCostModel costs = new ComputeCostModel(TraceReplayTest.CHIP);

    Measured spans = Measured.of(ChipCluster.assemble(graphs, costs,
        TraceReplayTest.transport(64), ChipCluster.Recording.SPANS));
    Measured totals = Measured.of(ChipCluster.assemble(graphs, costs,
        TraceReplayTest.transport(64), ChipCluster.Recording.TOTALS));

    assertEquals(spans, totals);
  }

  @Test
  void busyTotalsKeepNoSpans() {
    // BusyTotals has no spans to ask for and takes each operation's stream as it starts (its
    // type says both); a chip keeping totals answers its busy time but draws no timeline.
    BusyTotals log = new BusyTotals();
    log.started(BusyTime.COMPUTE, 0, 0);
    log.finished(BusyTime.COMPUTE, 10, 0);
    assertEquals(10, log.computeBusyPicos());
  }

  @Test
  void aClusterKeepingTotalsListsNoCollectivesButTimesThem() {
    TextReplay replay = moeOn32Ranks();
    ChipCluster cluster = TraceReplayTest.shared(replay.sharedWalk(), ChipCluster.Recording.TOTALS);
    TraceReplayTest.finish(cluster);
    assertThrows(IllegalStateException.class, cluster::collectiveResults, "none kept");
    ChipProcess chip = cluster.chips().get(0);
    assertThrows(IllegalStateException.class, chip::activity, "no spans to draw");
    assertEquals(chip.timeSplit().computePicos(), chip.busyTime().computeBusyPicos());
    assertEquals(cluster.collectiveCount(), cluster.networkResult(NetworkModel.ANALYTICAL, 1)
        .collectives().stream().mapToLong(NetworkResult.CollectiveTiming::count).sum());
  }
}
