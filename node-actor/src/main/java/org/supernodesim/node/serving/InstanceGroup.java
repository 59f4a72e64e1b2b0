package org.supernodesim.node.serving;

import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.StepCostModel;

/**
 * {@code count} identical instances of one role.
 *
 * @param role what they do
 * @param count how many
 * @param costs the step cost of one of them (model, layout, precisions, chip)
 * @param kvCapacityTokens tokens of KV cache each holds
 * @param limits what each one's scheduler may put in a step (per role: a prefill instance's
 *     budget and chunking need not be a decode instance's)
 */
public record InstanceGroup(
    Role role, int count, StepCostModel costs, long kvCapacityTokens, SchedulerLimits limits) {
  public InstanceGroup {
    if (count < 1) {
      throw new IllegalArgumentException("an instance group needs at least 1 instance: " + count);
    }
  }

  /** Chips of one instance. */
  public int chipsPerInstance() {
    return costs.layout().chips();
  }
}
