package org.supernodesim.scenario.run;

import java.util.List;
import java.util.Optional;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.node.chip.Transport;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.energy.Work;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/**
 * A collectives workload: every chip a process running its collectives step by step, each step's
 * transfers on the scenario's network model.
 */
final class CollectivesRun implements WorkloadRun {
  /** How many links result.json's network.busiestLinks lists. */
  static final int BUSIEST_LINKS = 10;

  private final Scenario scenario;
  private final ChipCluster cluster;
  private final TransferLog transfers;

  CollectivesRun(Scenario scenario, CollectiveWorkload workload, boolean timeline) {
    this.scenario = scenario;
    Transport transport = ChipRuns.transport(scenario);
    this.transfers = ChipRuns.transfers(scenario, transport, timeline);
    this.cluster =
        ChipCluster.assemble(
            CollectiveBenchmark.graphs(scenario.chips(), workload.entries()),
            new ComputeCostModel(scenario.chip()),
            transfers != null ? transfers : transport);
  }

  @Override
  public Simulation simulation() {
    return cluster.simulation();
  }

  @Override
  public Measured measure(long endPicos) {
    List<CollectiveResult> results = cluster.collectiveResults();
    return new Measured(
        new CollectiveBenchmarkResult(
            results,
            cluster.networkResult(scenario.networkModel(), BUSIEST_LINKS),
            PublishedBusBandwidth.matching(scenario.system(), results)),
        ChipRuns.activities(cluster),
        Work.ONE_STEP);
  }

  @Override
  public Optional<Timeline> timeline() {
    List<ChipProcess> drawn = cluster.chips();
    if (!scenario.timelineChips().isEmpty()) {
      drawn = scenario.timelineChips().stream().map(cluster.chips()::get).toList();
    }
    return Optional.of(TimelineAssembly.of(drawn, Optional.ofNullable(transfers)));
  }
}
