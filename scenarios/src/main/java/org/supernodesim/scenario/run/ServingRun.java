package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.units.Units;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.node.serving.InstanceGroup;
import org.supernodesim.node.serving.ServingCluster;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.energy.ChipActivity;
import org.supernodesim.results.energy.Work;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.results.serving.ServingRecords;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ServingWorkload;

/**
 * A serving workload: the router and one process per instance, each instance's steps priced by the
 * costs the scenario resolved, KV transfers between instances over the fabric's routes.
 */
final class ServingRun implements WorkloadRun {
  /** Steps a timeline draws one by one, the first of each instance, shared evenly. */
  static final int TIMELINE_STEPS = 40_000;

  private final Scenario scenario;
  private final ServingCluster cluster;
  private final Double goodputPercentile; // the goodput search's percentile, or null for none
  private ServingResult result; // once measured

  /** {@code timeline}: keep the instances' first steps one by one, which a timeline draws. */
  ServingRun(Scenario scenario, ServingWorkload w, boolean timeline) {
    this.scenario = scenario;
    this.goodputPercentile = w.goodputPercentile();
    List<InstanceGroup> groups = new ArrayList<>();
    for (ServingWorkload.InstancePlan plan : w.instances()) {
      groups.add(
          new InstanceGroup(
              plan.role(), plan.count(), plan.costs(), plan.kvCapacityTokens(), plan.limits()));
    }
    Router router = new Router(Topology.build(scenario.fabric(), scenario.chips()));
    this.cluster =
        ServingCluster.assemble(
            new ServingCluster.Setup(
                w.trace(),
                groups,
                w.routing(),
                w.loadSlack(),
                router,
                scenario.networkModel(),
                w.load(),
                w.ttftTargetSeconds(),
                w.tpotTargetSeconds(),
                w.hostTier()),
            timeline ? TIMELINE_STEPS : 0);
  }

  @Override
  public Simulation simulation() {
    return cluster.simulation();
  }

  /**
   * The serving figures. For energy, each instance's chips are busy (computing) for the instance's
   * busy share of the serving span, every other chip idle; the output tokens are the output rate
   * over the span. The span is taken as the run's simulated time, exact when the first request
   * arrives at 0.
   */
  @Override
  public Measured measure(long endPicos) {
    ServingResult serving = cluster.result(goodputPercentile);
    result = serving;
    return new Measured(
        serving, activities(serving, scenario.chips(), endPicos), work(serving, endPicos));
  }

  /** Each instance's chips busy for its busy share of the span; every other chip idle. */
  static List<ChipActivity> activities(ServingResult serving, int chips, long endPicos) {
    long[] busy = new long[chips];
    for (ServingResult.InstanceSummary i : serving.instances()) {
      for (int c = i.firstChip(); c < i.firstChip() + i.chips() && c < busy.length; c++) {
        busy[c] = Math.round(i.busyFraction() * endPicos);
      }
    }
    List<ChipActivity> activities = new ArrayList<>(busy.length);
    for (int c = 0; c < busy.length; c++) {
      activities.add(new ChipActivity(c, busy[c], 0));
    }
    return activities;
  }

  /** One step of serving: the output tokens of the span. */
  static Work work(ServingResult serving, long endPicos) {
    return new Work(1, 0, serving.outputTokensPerSecond() * Units.picosToSeconds(endPicos));
  }

  /** Each instance's first steps, batch, queue and KV use, once the run is measured. */
  @Override
  public Optional<Timeline> timeline() {
    return Optional.ofNullable(result).map(r -> ServingTimeline.of(r, cluster.logs()));
  }

  @Override
  public double fractionDone() {
    return cluster.fractionCompleted();
  }

  @Override
  public Optional<ServingRecords> servingRecords() {
    if (result == null) {
      return Optional.empty();
    }
    List<LatencyRecorder> l = cluster.latencies();
    return Optional.of(new ServingRecords(cluster.requests(), l.get(0), l.get(1), l.get(2)));
  }
}
