package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.node.chip.BusyTime;
import org.supernodesim.node.chip.AnalyticalTransport;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.FlowTransport;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.node.chip.Transport;
import org.supernodesim.results.energy.ChipActivity;
import org.supernodesim.scenario.file.Scenario;

/**
 * What the kinds that run every chip as a process (collectives, trace replay) share: the
 * scenario's transport, and each chip's activity for its energy.
 */
final class ChipRuns {
  private ChipRuns() {}

  /** The scenario's network model on its fabric's routes. */
  static Transport transport(Scenario scenario) {
    Router router = new Router(Topology.buildForNetwork(scenario.fabric(), scenario.chips()));
    return switch (scenario.networkModel()) {
      case ANALYTICAL -> new AnalyticalTransport(router);
      case FLOW -> new FlowTransport(router);
    };
  }

  /**
   * A log of the transfers a timeline draws as flows, or null without a timeline. Flows are drawn
   * from the analytical transport, whose send carries the arrival time; a flow model's send goes
   * to the fabric process, so its timeline has the slices without flows.
   */
  static TransferLog transfers(Scenario scenario, Transport transport, boolean timeline) {
    return timeline && transport instanceof AnalyticalTransport
        ? new TransferLog(transport, scenario.chips(), TimelineAssembly.TRANSFERS_PER_CHIP)
        : null;
  }

  /** Each chip's busy time. */
  static List<ChipActivity> activities(ChipCluster cluster) {
    List<ChipActivity> activities = new ArrayList<>(cluster.chips().size());
    for (ChipProcess chip : cluster.chips()) {
      BusyTime log = chip.busyTime();
      activities.add(
          new ChipActivity(chip.rank(), log.computeBusyPicos(), log.communicationOnlyPicos()));
    }
    return activities;
  }
}
