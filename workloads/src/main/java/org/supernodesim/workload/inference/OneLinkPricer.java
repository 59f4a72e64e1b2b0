package org.supernodesim.workload.inference;

import org.supernodesim.model.fabric.LinkSpec;

/**
 * Prices every demand on one link per chip, alpha-beta: ring all-reduce 2(n-1)/n·S/B + 2(n-1)·α,
 * ring gather or scatter (n-1)·s/B + (n-1)·α, an all-to-all the busiest rank's bytes / B + α (a
 * rank sends the mean and receives its entry), a stage send S/B + α. The fallback for an instance
 * whose chips' routes are not known (unit tests, one-tier fabrics); it is exact only when every
 * rank's traffic leaves on that one link.
 */
public record OneLinkPricer(LinkSpec link) implements CommunicationPricer {
  @Override
  public long picos(CommunicationDemand d) {
    int n = d.ranks();
    double b = link.bytesPerSecond();
    long alpha = link.latencyPicos();
    long one =
        switch (d.collective()) {
          case ALL_REDUCE ->
              n == 1
                  ? 0
                  : Math.round(2.0 * (n - 1) / n * d.busiestRankBytes() / b * 1e12)
                      + 2L * (n - 1) * alpha;
          case ALL_GATHER, REDUCE_SCATTER ->
              n == 1
                  ? 0
                  : Math.round((n - 1) * (double) d.busiestRankBytes() / b * 1e12)
                      + (n - 1) * alpha;
          case EP_DISPATCH, EP_COMBINE, STAGE_SEND ->
              alpha + Math.round(d.busiestRankBytes() / b * 1e12);
        };
    return d.timesPerStep() * one;
  }
}
