package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.node.serving.InstanceGroup;
import org.supernodesim.node.serving.ServingCluster;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.node.serving.Role;
import org.supernodesim.node.serving.RoutingPolicy;
import org.supernodesim.node.serving.SchedulerLimits;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.RequestTrace;

/**
 * A serving workload after loading: the requests read, the model resolved, the layout checked.
 *
 * @param trace the requests, already time-scaled and windowed
 * @param model the transformer served
 * @param weights weight precision
 * @param kvCache KV-cache precision
 * @param instances the instance groups, placed on chips in this order
 * @param limits each instance's scheduler limits
 * @param memoryFraction share of HBM for weights and KV cache
 * @param routing how the router picks an instance
 * @param loadSlack cache-aware routing's load slack
 * @param ttftTargetSeconds the TTFT SLO, or null
 * @param tpotTargetSeconds the TPOT SLO, or null
 */
public record ServingWorkload(
    RequestTrace trace,
    TransformerSpec model,
    Precision weights,
    Precision kvCache,
    List<InstancePlan> instances,
    SchedulerLimits limits,
    double memoryFraction,
    RoutingPolicy routing,
    int loadSlack,
    Double ttftTargetSeconds,
    Double tpotTargetSeconds) {
  public ServingWorkload {
    instances = List.copyOf(instances);
  }

  /** {@code count} instances of one role and layout. */
  public record InstancePlan(Role role, int count, InstanceLayout layout) {}

  /** Chips of all instances. */
  public int chips() {
    return instances.stream().mapToInt(i -> i.count() * i.layout().chips()).sum();
  }

  /**
   * The deployment on {@code chip}s (at their {@code calibration}) wired as {@code topology}:
   * each group's step costs and KV
   * capacity, instances on consecutive chips. An instance's collectives (TP all-reduce, EP
   * all-to-all) see its first chip's links of the tier its route to the next chip starts on, all
   * used at once (an NVSwitch port; 7 HCCS links of a full mesh; 7 UB planes), with that route's
   * latency per step; a KV transfer takes the route between the instances.
   *
   * @throws org.supernodesim.model.chip.MissingFigureException if the chip lacks a figure the
   *     costs need (checked by pricing one prefill and one decode step)
   * @throws IllegalArgumentException if the weights leave no KV cache or a request cannot fit
   */
  public ServingCluster.Setup deploy(
      ChipSpec chip, ComputeCalibration calibration, Topology topology) {
    AnalyticalNetwork network = new AnalyticalNetwork(new Router(topology));
    ComputeCostModel compute = new ComputeCostModel(chip, calibration);
    List<InstanceGroup> groups = new ArrayList<>();
    int first = 0;
    for (InstancePlan plan : instances) {
      LinkSpec link = plan.layout().chips() > 1 ? collectiveLink(topology, network, first) : null;
      StepCostModel costs = new StepCostModel(model, plan.layout(), weights, kvCache, compute, link);
      costs.step(Batch.prefill(1));
      costs.step(Batch.decode(1, 1));
      long kvTokens = costs.kvCapacityTokens(chip.require(ChipFigure.HBM_CAPACITY), memoryFraction);
      groups.add(new InstanceGroup(plan.role(), plan.count(), costs, kvTokens));
      first += plan.count() * plan.layout().chips();
    }
    ServingCluster.Setup setup = new ServingCluster.Setup(
        trace, groups, limits, routing, loadSlack, network, ttftTargetSeconds, tpotTargetSeconds);
    ServingCluster.assemble(setup); // refuses a request no instance can hold, before any run
    return setup;
  }

  private static LinkSpec collectiveLink(Topology topology, AnalyticalNetwork network, int chip) {
    Route route = network.route(chip, chip + 1);
    String tier = route.links().get(0).tier();
    long parallel = topology.outgoing(chip).stream().filter(l -> l.tier().equals(tier)).count();
    return new LinkSpec(parallel * route.bottleneckBytesPerSecond(), route.latencyPicos());
  }
}
