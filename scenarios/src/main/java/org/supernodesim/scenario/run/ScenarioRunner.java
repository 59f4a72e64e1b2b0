package org.supernodesim.scenario.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.results.serving.ServingRecords;
import org.supernodesim.scenario.file.Scenario;

/**
 * Runs a loaded scenario on a runtime and yields its {@link RunResult}: the workload's processes
 * ({@link WorkloadRun}, one kind per scenario), run to their end, then their figures, energy and
 * cost, put together once.
 */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** Builds the processes the scenario describes, runs them to the end and gathers the result. */
  public static RunResult run(Scenario scenario, RuntimeChoice choice) {
    return execute(scenario, choice).result();
  }

  /** A finished run: its result, and its chips' activity for the timeline. */
  public static final class Execution {
    private final RunResult result;
    private final WorkloadRun workload;
    private Optional<Timeline> timeline; // drawn on the first ask: the CLI asks twice

    private Execution(RunResult result, WorkloadRun workload) {
      this.result = result;
      this.workload = workload;
    }

    public RunResult result() {
      return result;
    }

    /** A serving run's requests and latency histograms; empty for the other kinds. */
    public Optional<ServingRecords> servingRecords() {
      return workload.servingRecords();
    }

    /** The chips' activity as a timeline; empty for a workload without chip processes. */
    public Optional<Timeline> timeline() {
      if (timeline == null) {
        timeline = workload.timeline();
      }
      return timeline;
    }
  }

  /**
   * Who is told while a run goes on: a progress display, which may poll the share of the work
   * done from its own thread. Nothing it sees reaches the result.
   */
  public interface Watch {
    /** Nobody watches. */
    Watch NONE =
        new Watch() {
          @Override
          public void started(DoubleSupplier fractionDone) {}

          @Override
          public void ended() {}
        };

    /** The simulation starts; {@code fractionDone} gives 0 to 1, or NaN when unknown. */
    void started(DoubleSupplier fractionDone);

    /** The simulation ended (or failed). */
    void ended();
  }

  /** Runs the scenario and keeps its processes, whose activity the timeline draws. */
  public static Execution execute(Scenario scenario, RuntimeChoice choice) {
    return execute(scenario, choice, Watch.NONE);
  }

  /** Runs the scenario, telling {@code watch} when the simulation starts and ends. */
  public static Execution execute(Scenario scenario, RuntimeChoice choice, Watch watch) {
    WorkloadRun workload =
        WorkloadRun.of(scenario, RunReports.drawsTimeline(scenario.accounting()));
    Simulation simulation = workload.simulation();
    long started = System.nanoTime();
    RunStatistics stats;
    watch.started(workload::fractionDone);
    try (Runtime runtime = choice.create()) {
      stats = runtime.run(simulation);
    } finally {
      watch.ended();
    }
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    WorkloadRun.Measured measured = workload.measure(stats.endPicos());
    Accountant.Account account =
        Accountant.account(scenario, measured.activities(), measured.work(), stats.endPicos());
    RunResult result =
        new RunResult(
            scenario.name(),
            scenario.seed(),
            scenario.networkModel(),
            new EngineFacts(
                "conservative-windows",
                simulation.lookaheadPicos(),
                simulation.processes().size(),
                stats.events()),
            stats.endPicos(),
            info(choice, wallSeconds, stats.events()),
            summary(scenario.chip()),
            measured.result(),
            account.energy(),
            account.costs());
    return new Execution(result, workload);
  }

  /** The scenario's logical processes, ready to run (for benchmarks of the engine alone). */
  public static Simulation simulation(Scenario scenario) {
    return WorkloadRun.of(scenario, false).simulation();
  }

  private static RunInfo info(RuntimeChoice choice, double wallSeconds, long events) {
    boolean sequential = choice.kind() == RuntimeKind.SEQUENTIAL;
    return new RunInfo(
        choice.kind().label(),
        wallSeconds,
        sequential ? 1 : choice.threads(),
        sequential ? 0 : choice.processesPerActor(),
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
              f.key(),
              value,
              f.siUnit(),
              figure.confidence().text(),
              source));
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
