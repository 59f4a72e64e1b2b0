package org.supernodesim.scenario.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.node.chip.Transport;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.node.chip.AnalyticalTransport;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.FlowTransport;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/** Runs a loaded scenario on a runtime and yields its {@link RunResult}. */
public final class ScenarioRunner {

  /** How many links result.json's network.busiestLinks lists. */
  static final int BUSIEST_LINKS = 10;

  private ScenarioRunner() {}

  /** Builds the cluster the scenario describes, runs it to the end and gathers the result. */
  public static RunResult run(Scenario scenario, RuntimeChoice choice) {
    return execute(scenario, choice).result();
  }

  /**
   * A finished run: its result, and its chips and noted transfers (when the scenario writes a
   * timeline) for what is drawn from their activity.
   */
  public record Execution(RunResult result, List<ChipProcess> chips, TransferLog transfers) {}

  /** Runs the scenario and keeps its chips, whose activity the timeline draws. */
  public static Execution execute(Scenario scenario, RuntimeChoice choice) {
    if (scenario.serving() != null) {
      RunResult served = ServingRunner.run(scenario, choice);
      return new Execution(Accountant.accountServing(scenario, served), null, null);
    }
    if (scenario.training() != null) {
      TrainingRun training = new TrainingRun(scenario);
      RunResult result = simulate(scenario, choice, training.cluster().simulation(), List::of);
      return new Execution(
          training.account(result), training.cluster().chips(), training.transfers());
    }
    TransferLog[] log = new TransferLog[1];
    // Flows are drawn from the analytical transport, whose send carries the arrival time; a flow
    // model's send goes to the fabric process, so its timeline has the slices without flows.
    ChipCluster cluster =
        RunReports.drawsTimeline(scenario.accounting()) && !"flow".equals(scenario.networkModel())
            ? assemble(scenario, t -> log[0] = new TransferLog(t, scenario.chips(),
                RunReports.TRANSFERS_PER_CHIP))
            : assemble(scenario);
    RunResult result =
        simulate(scenario, choice, cluster.simulation(), cluster::collectiveResults)
            .withNetwork(cluster.networkResult(scenario.networkModel(), BUSIEST_LINKS));
    return new Execution(Accountant.account(scenario, cluster, result), cluster.chips(), log[0]);
  }

  /**
   * Runs {@code simulation} to its end on the choice's runtime and wraps what every result has;
   * {@code collectives} is read after the run.
   */
  static RunResult simulate(
      Scenario scenario, RuntimeChoice choice, Simulation simulation,
      Supplier<List<CollectiveResult>> collectives) {
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
        collectives.get());
  }

  /**
   * The scenario's logical processes, ready to run: its serving processes, its training stages
   * or its chips.
   */
  public static Simulation simulation(Scenario scenario) {
    if (scenario.training() != null) {
      return new TrainingRun(scenario).cluster().simulation();
    }
    return scenario.serving() != null
        ? ServingRunner.assemble(scenario).simulation()
        : assemble(scenario).simulation();
  }

  /** The chips of the scenario as logical processes, ready to run. */
  public static ChipCluster assemble(Scenario scenario) {
    return assemble(scenario, UnaryOperator.identity());
  }

  /** The chips of the scenario, their transport wrapped by {@code wrap} (to note transfers). */
  static ChipCluster assemble(Scenario scenario, UnaryOperator<Transport> wrap) {
    Topology topology = Topology.buildForNetwork(scenario.fabric(), scenario.chips());
    Router router = new Router(topology);
    Transport transport =
        "flow".equals(scenario.networkModel())
            ? new FlowTransport(router)
            : new AnalyticalTransport(router);
    return ChipCluster.assemble(
        CollectiveBenchmark.graphs(scenario.chips(), scenario.collectives()),
        new ComputeCostModel(scenario.chip()),
        wrap.apply(transport));
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
