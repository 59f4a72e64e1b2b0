package org.supernodesim.scenario.run;

import java.util.List;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.node.serving.ServingCluster;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;

/** Runs a scenario whose workload is serving: router and instances on the chosen runtime. */
final class ServingRunner {
  private ServingRunner() {}

  static RunResult run(Scenario scenario, RuntimeChoice choice) {
    ServingCluster cluster = assemble(scenario);
    long started = System.nanoTime();
    Simulation simulation = cluster.simulation();
    RunStatistics stats;
    try (Runtime runtime = choice.create()) {
      stats = runtime.run(simulation);
    }
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    return new RunResult(
        scenario.name(),
        scenario.seed(),
        new EngineFacts("conservative-windows", simulation.lookaheadPicos(),
            simulation.processes().size(), stats.events()),
        stats.endPicos(),
        ScenarioRunner.info(choice, wallSeconds, stats.events()),
        ScenarioRunner.summary(scenario.chip()),
        List.of())
        .withServing(cluster.result());
  }

  /** The serving processes of the scenario, ready to run. */
  static ServingCluster assemble(Scenario scenario) {
    Topology topology = Topology.build(scenario.fabric(), scenario.chips());
    return ServingCluster.assemble(scenario.serving().deploy(scenario.chip(), topology));
  }
}
