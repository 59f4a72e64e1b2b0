package org.supernodesim.scenario.file;

import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.inference.CommunicationDemand;
import org.supernodesim.workload.inference.CommunicationPricer;
import org.supernodesim.workload.inference.OneLinkPricer;

/**
 * Prices an instance's collectives on its two tiers: a group inside the first chip's scale-up
 * domain on that domain's links ({@link OneLinkPricer}); an all-to-all over a stage that spans
 * domains sends each rank's remote share, (ranks outside its domain) / (ranks - 1) of its bytes,
 * over its scale-out NIC while the rest crosses the scale-up links, the slower of the two setting
 * the time (DeepEP's RDMA and NVLink paths run at once); a TP group or stage send that leaves the
 * domain runs on the scale-out route. Placement keeps instances in whole domains where it can, so
 * every domain of the stage holds {@code domainChips} of its chips.
 *
 * @param near the scale-up links of one chip, all used at once
 * @param domainChips chips of the stage inside one scale-up domain
 * @param far the route from the stage's first chip to its last (the scale-out NIC if it leaves)
 */
record TierPricer(LinkSpec near, int domainChips, LinkSpec far) implements CommunicationPricer {
  @Override
  public long picos(CommunicationDemand d) {
    int n = d.ranks();
    if (n <= domainChips) {
      return new OneLinkPricer(near).picos(d);
    }
    return switch (d.collective()) {
      case EP_DISPATCH, EP_COMBINE -> {
        double remote = (n - domainChips) / (double) (n - 1);
        double bytes = d.busiestRankBytes();
        long nearPicos = Math.round((1 - remote) * bytes / near.bytesPerSecond() * 1e12);
        long farPicos = Math.round(remote * bytes / far.bytesPerSecond() * 1e12);
        yield d.timesPerStep() * (far.latencyPicos() + Math.max(nearPicos, farPicos));
      }
      default -> new OneLinkPricer(far).picos(d);
    };
  }
}
