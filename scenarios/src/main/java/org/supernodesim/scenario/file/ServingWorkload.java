package org.supernodesim.scenario.file;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.inference.HostTier;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.StepCostModel;

/**
 * {@code workload.serving}: a model served from a request trace on instances, after loading: the
 * requests read, the model resolved, the layout checked.
 *
 * @param trace the requests, already time-scaled and windowed
 * @param model the transformer served
 * @param weights weight precision
 * @param kvCache KV-cache precision
 * @param instances the instance groups, placed on consecutive chips in this order
 * @param memoryFraction share of HBM for weights and KV cache
 * @param routing how the router picks an instance
 * @param loadSlack cache-aware routing's load slack
 * @param ttftTargetSeconds the TTFT SLO, or null
 * @param tpotTargetSeconds the TPOT SLO, or null
 * @param load at the source's arrival times, or a fixed number in flight
 * @param goodputPercentile the percentile a goodput search holds to the SLO, or null for none
 * @param hostTier each prefill or unified instance's host-memory KV tier, or {@link
 *     HostTier#NONE}
 */
public record ServingWorkload(
    RequestTrace trace,
    TransformerSpec model,
    Precision weights,
    Precision kvCache,
    List<InstancePlan> instances,
    double memoryFraction,
    RoutingPolicy routing,
    int loadSlack,
    Double ttftTargetSeconds,
    Double tpotTargetSeconds,
    Load load,
    Double goodputPercentile,
    HostTier hostTier) implements Workload {
  public ServingWorkload {
    instances = List.copyOf(instances);
  }

  /**
   * {@code count} instances of one role and layout, priced on the scenario's chip and fabric.
   *
   * @param role what they do
   * @param count how many
   * @param layout how one spreads the model over its chips
   * @param costs the step cost of one of them (model, layout, precisions, chip, its link)
   * @param kvCapacityTokens tokens of KV cache each holds
   * @param limits what each one's scheduler may put in a step (its role's settings)
   */
  public record InstancePlan(
      Role role, int count, InstanceLayout layout, StepCostModel costs, long kvCapacityTokens,
      SchedulerLimits limits) {}

  /** Chips of all instances. */
  public int chips() {
    return instances.stream().mapToInt(i -> i.count() * i.layout().chips()).sum();
  }

  /** Instances of all groups. */
  public int instanceCount() {
    return instances.stream().mapToInt(InstancePlan::count).sum();
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.serving(this);
  }

  /**
   * Analytical (collectives by closed forms over the instances' routes, KV sends serialised per
   * port) or flow (every transfer shares links max-min fairly with the others in flight).
   */
  @Override
  public Set<NetworkModel> networkModels() {
    return EnumSet.of(NetworkModel.ANALYTICAL, NetworkModel.FLOW);
  }

  @Override
  public String networkModelsReason() {
    return "serving runs on the analytical or the flow model";
  }
}
