package org.supernodesim.scenario.run;

import java.util.List;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.node.serving.ServingCluster;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.file.Scenario;

/** Runs a scenario whose workload is serving: router and instances on the chosen runtime. */
final class ServingRunner {
  private ServingRunner() {}

  static RunResult run(Scenario scenario, RuntimeChoice choice) {
    ServingCluster cluster = assemble(scenario);
    return ScenarioRunner.simulate(scenario, choice, cluster.simulation(), List::of)
        .withServing(cluster.result());
  }

  /** The serving processes of the scenario, ready to run. */
  static ServingCluster assemble(Scenario scenario) {
    Topology topology = Topology.build(scenario.fabric(), scenario.chips());
    return ServingCluster.assemble(scenario.serving().deploy(scenario.chip(), scenario.calibration(), topology));
  }
}
