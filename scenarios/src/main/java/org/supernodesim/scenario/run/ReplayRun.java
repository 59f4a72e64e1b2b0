package org.supernodesim.scenario.run;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.units.Units;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.RankView;
import org.supernodesim.node.chip.TimeSplit;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.node.chip.Transport;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.energy.Work;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.trace.text.SharedWalk;

/**
 * A trace replay: every chip a process running its rank's graph (compute priced by the chip's
 * calibrated cost model where the trace gives no duration), every collective its algorithm's steps
 * and every send a transfer on the scenario's network model. Without a timeline the chips keep
 * totals instead of spans, and a text workload's ranks run their shared walk: the same figures
 * (tested), in memory for 9,216 ranks.
 */
final class ReplayRun implements WorkloadRun {
  private final Scenario scenario;
  private final TraceWorkload workload;
  private final ChipCluster cluster;
  private final TransferLog transfers;

  ReplayRun(Scenario scenario, TraceWorkload workload, boolean timeline) {
    this.scenario = scenario;
    this.workload = workload;
    Transport transport = ChipRuns.transport(scenario);
    this.transfers = ChipRuns.transfers(scenario, transport, timeline);
    ComputeCostModel costs = new ComputeCostModel(scenario.chip(), scenario.calibration());
    Transport used = transfers != null ? transfers : transport;
    if (timeline) {
      // A timeline draws every span and names each chip's own groups: the ranks' own graphs.
      this.cluster =
          ChipCluster.assemble(workload.graphs(), costs, used, ChipCluster.Recording.SPANS);
    } else if (workload.sharedWalk().isPresent()) {
      this.cluster = shared(workload.sharedWalk().get(), scenario.chips(), costs, used);
    } else {
      this.cluster =
          ChipCluster.assemble(workload.graphs(), costs, used, ChipCluster.Recording.TOTALS);
    }
  }

  /**
   * The ranks running one shared walk on their chips, each through its own groups renamed to
   * chips; chips without a rank idle. Without a timeline, so the chips keep totals.
   */
  private ChipCluster shared(
      SharedWalk walk, int chips, ComputeCostModel costs, Transport transport) {
    List<Integer> chipOfRank = workload.trace().chips();
    int[] rankOfChip = new int[chips];
    Arrays.fill(rankOfChip, -1);
    boolean identity = true;
    for (int r = 0; r < chipOfRank.size(); r++) {
      rankOfChip[chipOfRank.get(r)] = r;
      identity &= chipOfRank.get(r) == r;
    }
    boolean firstChips = identity;
    return ChipCluster.assembleShared(walk.graph(), chips, chip -> {
      int rank = rankOfChip[chip];
      if (rank < 0) {
        return null;
      }
      return new RankView() {
        @Override
        public List<Integer> group(List<Integer> group) {
          List<Integer> ranks = walk.group(group, rank);
          return firstChips ? ranks : ranks.stream().map(chipOfRank::get).toList();
        }

        @Override
        public int peer(int peer) {
          throw new IllegalStateException("a text workload has no point-to-point peers");
        }
      };
    }, costs, transport, ChipCluster.Recording.TOTALS);
  }

  @Override
  public Simulation simulation() {
    return cluster.simulation();
  }

  @Override
  public Measured measure(long endPicos) {
    long compute = 0;
    long maxCompute = 0;
    long exposed = 0;
    for (int chip : workload.trace().chips()) {
      ChipProcess c = cluster.chips().get(chip);
      TimeSplit split = c.timeSplit();
      compute += split.computePicos();
      maxCompute = Math.max(maxCompute, split.computePicos());
      exposed += split.exposedCommunicationPicos();
    }
    int ranks = workload.trace().ranks();
    ReplayResult result =
        new ReplayResult(
            workload.trace(),
            seconds(cluster.finishedAtPicos()),
            seconds(compute) / ranks,
            seconds(maxCompute),
            seconds(exposed) / ranks,
            Math.toIntExact(cluster.collectiveCount()),
            cluster.networkResult(scenario.networkModel(), CollectivesRun.BUSIEST_LINKS));
    return new Measured(result, ChipRuns.activities(cluster), Work.ONE_STEP);
  }

  @Override
  public Optional<Timeline> timeline() {
    return Optional.of(TimelineAssembly.of(cluster.chips(), Optional.ofNullable(transfers)));
  }

  private static double seconds(long picos) {
    return picos / Units.PICOS_PER_SECOND;
  }
}
