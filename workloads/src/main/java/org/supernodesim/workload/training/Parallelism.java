package org.supernodesim.workload.training;

import org.supernodesim.workload.training.LayoutException.Parameter;

/**
 * How one training job is split over its chips (Megatron-LM's names).
 *
 * @param tp tensor-parallel size: each layer's matrices split over tp chips of one node
 * @param pp pipeline stages
 * @param dp data-parallel replicas
 * @param cp context-parallel size: each sequence split over cp chips
 * @param ep expert-parallel size: the routed experts of a MoE layer split over ep of the dp ranks
 * @param virtualStages model chunks per pipeline stage; above 1 the schedule is interleaved 1F1B
 *     (Narayanan et al. SC'21 §2.2.2)
 * @param sequenceParallel norms and dropout split over the tp group too, its all-reduces replaced
 *     by reduce-scatter + all-gather (Korthikanti et al. §4.2.2)
 */
public record Parallelism(
    int tp, int pp, int dp, int cp, int ep, int virtualStages, boolean sequenceParallel) {
  public Parallelism {
    LayoutException.require(tp >= 1, Parameter.TP, tp + "; tp must be >= 1");
    LayoutException.require(pp >= 1, Parameter.PP, pp + "; pp must be >= 1");
    LayoutException.require(dp >= 1, Parameter.DP, dp + "; dp must be >= 1");
    LayoutException.require(cp >= 1, Parameter.CP, cp + "; cp must be >= 1");
    LayoutException.require(ep >= 1, Parameter.EP, ep + "; ep must be >= 1");
    LayoutException.require(
        dp % ep == 0, Parameter.EP,
        ep + " does not divide dp = " + dp + "; expert parallelism takes its ranks from the"
            + " data-parallel ones");
    LayoutException.require(
        virtualStages >= 1, Parameter.VIRTUAL_STAGES, virtualStages + "; must be >= 1");
    LayoutException.require(
        virtualStages == 1 || pp > 1, Parameter.VIRTUAL_STAGES,
        virtualStages + " virtual stages need pp > 1 (the interleaved schedule needs a pipeline)");
  }

  /** Every chip the job uses: tp·cp·dp·pp. */
  public long chips() {
    return (long) tp * cp * dp * pp;
  }
}
