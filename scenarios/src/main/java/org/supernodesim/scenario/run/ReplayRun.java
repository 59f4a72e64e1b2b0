package org.supernodesim.scenario.run;

import java.util.Optional;
import org.supernodesim.model.units.Units;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
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

/**
 * A trace replay: every chip a process running its rank's graph (compute priced by the chip's
 * calibrated cost model where the trace gives no duration), every collective its algorithm's steps
 * and every send a transfer on the scenario's network model.
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
    this.cluster =
        ChipCluster.assemble(
            workload.graphs(),
            new ComputeCostModel(scenario.chip(), scenario.calibration()),
            transfers != null ? transfers : transport);
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
            cluster.collectiveResults().size(),
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
