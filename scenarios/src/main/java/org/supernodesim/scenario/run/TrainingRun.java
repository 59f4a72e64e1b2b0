package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.units.Units;
import org.supernodesim.node.chip.BusyTime;
import org.supernodesim.node.chip.AnalyticalTransport;
import org.supernodesim.node.chip.FlowTransport;
import org.supernodesim.node.chip.Transport;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.TimeSplit;
import org.supernodesim.node.chip.TrainingCluster;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.energy.ChipActivity;
import org.supernodesim.results.energy.Work;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.workload.training.Parallelism;
import org.supernodesim.workload.training.StageMemory;
import org.supernodesim.workload.training.StepGenerator;
import org.supernodesim.workload.training.TrainingJob;
import org.supernodesim.workload.training.TrainingStep;

/**
 * A training workload: its step generated (one graph per pipeline stage), run at the fidelity
 * asked for or chosen ({@link ChipFidelity}): every chip a process with its collectives through the
 * network, or one process per stage with closed-form collectives; its figures drawn from the
 * stages' representatives' time splits and memory.
 */
final class TrainingRun implements WorkloadRun {
  private final Scenario scenario;
  private final TrainingStep step;
  private final TrainingCluster cluster;
  private final Optional<TransferLog> transfers;
  private final ComputeCostModel costs;
  private final Fidelity fidelity;

  /** {@code timeline}: note the pipeline's sends, which a timeline draws as flows. */
  TrainingRun(Scenario scenario, TrainingWorkload workload, boolean timeline) {
    this.scenario = scenario;
    this.step = StepGenerator.generate(workload.job(), workload::algorithm);
    this.costs = new ComputeCostModel(scenario.chip(), scenario.calibration());
    this.fidelity = ChipFidelity.choose(scenario, workload, step, Runtime.getRuntime().maxMemory());
    boolean analytical = scenario.networkModel() == NetworkModel.ANALYTICAL;
    // The stage fidelity on the analytical model keeps the planes it always priced pairs over.
    Topology topology =
        fidelity == Fidelity.STAGE && analytical
            ? Topology.build(scenario.fabric(), scenario.chips())
            : Topology.buildForNetwork(scenario.fabric(), scenario.chips());
    Router router = new Router(topology);
    // Every send is noted: a pipeline sends only a few per micro-batch.
    TransferLog[] log = new TransferLog[1];
    if (fidelity == Fidelity.CHIP) {
      Transport network =
          switch (scenario.networkModel()) {
            case ANALYTICAL -> new AnalyticalTransport(router);
            case FLOW -> new FlowTransport(router);
          };
      Transport transport =
          timeline && network instanceof AnalyticalTransport
              ? (log[0] = new TransferLog(network, scenario.chips(),
                  TimelineAssembly.TRANSFERS_PER_CHIP))
              : network;
      this.cluster =
          TrainingCluster.assembleChips(step.graphs(), step.layout(), costs, transport);
    } else {
      this.cluster =
          TrainingCluster.assemble(
              step.graphs(),
              costs,
              router,
              scenario.networkModel(),
              timeline && analytical
                  ? t -> log[0] = new TransferLog(t, scenario.chips(), Integer.MAX_VALUE)
                  : UnaryOperator.identity());
    }
    this.transfers = Optional.ofNullable(log[0]);
  }

  @Override
  public Simulation simulation() {
    return cluster.simulation();
  }

  @Override
  public Measured measure(long endPicos) {
    TrainingResult result =
        result()
            .withPipeline(
                PipelinePasses.of(
                    cluster.stages(),
                    step.job().microBatches(),
                    step.job().parallelism().virtualStages()));
    return new Measured(result, activities(), new Work(1, step.tokens(), 0));
  }

  @Override
  public Optional<Timeline> timeline() {
    List<Integer> asked = scenario.timelineChips();
    if (asked.isEmpty()) {
      return Optional.of(TimelineAssembly.of(cluster.stages(), transfers));
    }
    List<ChipProcess> drawn = new ArrayList<>(asked.size());
    for (int rank : asked) {
      if (fidelity == Fidelity.CHIP) {
        drawn.add(cluster.chips().get(rank));
      } else {
        ChipProcess representative = cluster.stages().get(step.layout().stageOf(rank));
        if (representative.rank() != rank) {
          throw new ScenarioException(scenario.name(), "timeline.chips",
              "rank " + rank + " is not simulated at fidelity stage (its stage's representative"
                  + " is " + representative.rank() + "); choose fidelity: chip to draw any chip");
        }
        drawn.add(representative);
      }
    }
    return Optional.of(TimelineAssembly.of(drawn, transfers));
  }

  /**
   * Every global rank's activity: its own under the chip fidelity; under the stage fidelity its
   * stage representative's, since the ranks of a stage do the same work at the same times. A
   * representative's busy times are merged from its spans (a sort) once per stage, not once per
   * rank: that was half of a 16,384-chip step.
   */
  private List<ChipActivity> activities() {
    List<ChipActivity> activities = new ArrayList<>(scenario.chips());
    Parallelism p = step.job().parallelism();
    int ranksPerStage = p.tp() * p.cp() * p.dp();
    boolean every = cluster.chips().size() == scenario.chips();
    int stage = -1;
    long computeBusy = 0;
    long communicationOnly = 0;
    for (int rank = 0; rank < scenario.chips(); rank++) {
      if (every) {
        BusyTime log = cluster.chips().get(rank).busyTime();
        computeBusy = log.computeBusyPicos();
        communicationOnly = log.communicationOnlyPicos();
      } else if (rank / ranksPerStage != stage) {
        stage = rank / ranksPerStage;
        BusyTime log = cluster.stages().get(stage).busyTime();
        computeBusy = log.computeBusyPicos();
        communicationOnly = log.communicationOnlyPicos();
      }
      activities.add(new ChipActivity(rank, computeBusy, communicationOnly));
    }
    return activities;
  }

  /** The figures of the step, once the simulation has run. */
  private TrainingResult result() {
    TrainingJob job = step.job();
    Parallelism p = job.parallelism();
    long stepPicos = cluster.finishedAtPicos();
    double stepSeconds = stepPicos / (double) Units.PICOS_PER_SECOND;
    long chips = p.chips();
    double peak = scenario.chip().require(job.precision().peak());
    double modelFlopsPerChip = step.modelFlops() / stepSeconds / chips;
    double hardwareFlopsPerChip = (step.modelFlops() + step.recomputeFlops()) / stepSeconds / chips;
    List<TrainingResult.RankTime> ranks = new ArrayList<>();
    double idle = 0;
    List<ChipProcess> processes = cluster.stages();
    for (int stage = 0; stage < processes.size(); stage++) {
      ChipProcess c = processes.get(stage);
      TimeSplit split = c.timeSplit();
      ranks.add(
          new TrainingResult.RankTime(
              c.rank(),
              stage,
              seconds(split.computePicos()),
              seconds(split.exposedCommunicationPicos()),
              seconds(split.idlePicos(stepPicos)),
              seconds(split.communicationPicos())));
      idle += split.idlePicos(stepPicos) / (double) stepPicos;
    }
    List<TrainingResult.StageMemoryUse> memory = new ArrayList<>();
    double peakBytes = 0;
    for (StageMemory m : step.memory()) {
      memory.add(
          new TrainingResult.StageMemoryUse(
              m.stage(),
              m.weightsBytes(),
              m.gradientBytes(),
              m.optimizerBytes(),
              m.activationBytes(),
              m.bufferBytes(),
              m.totalBytes()));
      peakBytes = Math.max(peakBytes, m.totalBytes());
    }
    double capacity = scenario.chip().require(ChipFigure.HBM_CAPACITY);
    double tokensPerSecond = step.tokens() / stepSeconds;
    List<Integer> simulated = new ArrayList<>();
    for (int s = 0; s < p.pp(); s++) {
      simulated.add(step.layout().representative(s));
    }
    ParameterCounts counts = job.model().parameterCounts();
    return new TrainingResult(
        job.model().id(),
        counts.totalParameters(),
        counts.activeParameters(),
        chips,
        String.format(
            "tp%d pp%d dp%d cp%d ep%d v%d zero%d%s",
            p.tp(),
            p.pp(),
            p.dp(),
            p.cp(),
            p.ep(),
            p.virtualStages(),
            job.zeroStage(),
            p.sequenceParallel() ? " sp" : ""),
        job.microBatches(),
        stepSeconds,
        tokensPerSecond,
        hardwareFlopsPerChip / 1e12,
        modelFlopsPerChip / 1e12,
        modelFlopsPerChip / peak,
        hardwareFlopsPerChip / peak,
        idle / processes.size(),
        step.idealBubbleFraction(costs::seconds),
        simulated,
        ranks,
        peakBytes,
        capacity,
        peakBytes <= capacity,
        Math.max(0, peakBytes - capacity),
        memory,
        chips * (1e12 / tokensPerSecond) / 3600,
        step.schedule(),
        job.overlapForwardBackward(),
        new TrainingResult.FlopCounts(step.modelFlops() + step.recomputeFlops(),
            TrainingStep.COUNTED_ATTENTION, step.executedFlops(), step.executedAttention(),
            step.executedFlops() / stepSeconds / chips / 1e12),
        List.of(),
        fidelity.label(),
        cluster.networkResult(scenario.networkModel(), CollectivesRun.BUSIEST_LINKS));
  }

  private static double seconds(long picos) {
    return picos / (double) Units.PICOS_PER_SECOND;
  }
}
