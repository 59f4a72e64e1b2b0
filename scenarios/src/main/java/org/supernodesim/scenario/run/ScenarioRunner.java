package org.supernodesim.scenario.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.serving.ServingResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/** Runs a loaded scenario on a runtime and yields its {@link RunResult}. */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  /** Builds the cluster the scenario describes, runs it to the end and gathers the result. */
  public static RunResult run(Scenario scenario, RuntimeChoice choice) {
    if (scenario.serving() != null) {
      return ServingRunner.run(scenario, choice);
    }
    ChipCluster cluster = assemble(scenario);
    return execute(scenario, choice, cluster.simulation(), cluster::collectiveResults, () -> null);
  }

  /**
   * Runs {@code simulation} to its end on the choice's runtime and wraps what the processes
   * measured ({@code collectives}, {@code serving}: read after the run) in a result.
   */
  static RunResult execute(
      Scenario scenario, RuntimeChoice choice, Simulation simulation,
      Supplier<List<CollectiveResult>> collectives, Supplier<ServingResult> serving) {
    long started = System.nanoTime();
    RunStatistics stats;
    try (Runtime runtime = choice.create()) {
      stats = runtime.run(simulation);
    }
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    return new RunResult(
        scenario.name(),
        scenario.seed(),
        new EngineFacts(
            "conservative-windows",
            simulation.lookaheadPicos(),
            simulation.processes().size(),
            stats.events()),
        stats.endPicos(),
        info(choice, wallSeconds, stats.events()),
        summary(scenario.chip()),
        collectives.get(),
        serving.get());
  }

  /** The chips of the scenario as logical processes, ready to run. */
  public static ChipCluster assemble(Scenario scenario) {
    Topology topology = Topology.build(scenario.fabric(), scenario.chips());
    AnalyticalTransport transport = new AnalyticalTransport(new Router(topology));
    return ChipCluster.assemble(
        CollectiveBenchmark.graphs(scenario.chips(), scenario.collectives()),
        new ComputeCostModel(scenario.chip()),
        transport);
  }

  private static RunInfo info(RuntimeChoice choice, double wallSeconds, long events) {
    return new RunInfo(
        choice.name(),
        wallSeconds,
        choice.name().equals("sequential") ? 1 : choice.threads(),
        choice.name().equals("sequential") ? 0 : choice.processesPerActor(),
        wallSeconds > 0 ? events / wallSeconds : 0,
        host(),
        System.getProperty("java.version"));
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
