package org.supernodesim.scenario.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.node.chip.AnalyticalTransport;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/** Runs a loaded scenario on a runtime and yields its {@link RunResult}. */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  /** Builds the cluster the scenario describes, runs it to the end and gathers the result. */
  public static RunResult run(Scenario scenario, RuntimeChoice choice) {
    TrainingRun training = scenario.training() == null ? null : new TrainingRun(scenario);
    ChipCluster cluster = training == null ? assemble(scenario) : null;
    long started = System.nanoTime();
    Simulation simulation =
        training == null ? cluster.simulation() : training.cluster().simulation();
    RunStatistics stats;
    try (Runtime runtime = choice.create()) {
      stats = runtime.run(simulation);
    }
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    RunInfo info =
        new RunInfo(
            choice.name(),
            wallSeconds,
            choice.name().equals("sequential") ? 1 : choice.threads(),
            choice.name().equals("sequential") ? 0 : choice.processesPerActor(),
            wallSeconds > 0 ? stats.events() / wallSeconds : 0,
            host(),
            System.getProperty("java.version"));
    return new RunResult(
        scenario.name(),
        scenario.seed(),
        new EngineFacts(
            "conservative-windows",
            simulation.lookaheadPicos(),
            simulation.processes().size(),
            stats.events()),
        stats.endPicos(),
        info,
        summary(scenario.chip()),
        training == null ? cluster.collectiveResults() : List.of(),
        training == null ? null : training.result());
  }

  /** The chips of the scenario as logical processes, ready to run. */
  public static ChipCluster assemble(Scenario scenario) {
    Topology topology = Topology.build(scenario.fabric(), scenario.chips());
    AnalyticalTransport transport =
        new AnalyticalTransport(new AnalyticalNetwork(new Router(topology)), scenario.chips());
    return ChipCluster.assemble(
        CollectiveBenchmark.graphs(scenario.chips(), scenario.collectives()),
        new ComputeCostModel(scenario.chip()),
        transport);
  }

  static ChipSummary summary(ChipSpec chip) {
    List<ChipSummary.FigureUse> figures = new ArrayList<>();
    for (ChipFigure f : ChipFigure.values()) {
      Figure figure = chip.figures().get(f);
      Double value = figure instanceof Figure.Known k ? k.value() : null;
      String source =
          figure instanceof Figure.Known k
              ? k.source()
              : figure instanceof Figure.Unknown u ? u.needed() : "not supported";
      figures.add(
          new ChipSummary.FigureUse(
              f.key(), value, f.siUnit(), figure.confidence().name().toLowerCase(), source));
    }
    return new ChipSummary(chip.id(), chip.name(), figures);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
