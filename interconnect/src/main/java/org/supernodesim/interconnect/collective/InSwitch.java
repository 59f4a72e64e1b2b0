package org.supernodesim.interconnect.collective;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.InSwitchReduction;

/**
 * All-reduce reduced in the switch (NVLink SHARP, NCCL's "NVLS" algorithm; NVIDIA, "NVLink SHARP"
 * in the Hopper whitepaper, 2022). Member j owns share j of the buffer (S/n). In the reduce phase
 * every member sends share j up to the switch, which adds the n contributions and hands member j
 * one reduced share; in the multicast phase member j sends its reduced share up once and the
 * switch copies it to every other member. Each chip's port thus carries S each way, not the ring's
 * 2(n-1)/n S, and there are 2 steps, not 2(n-1).
 *
 * <p>As point-to-point steps: the reduce phase is member r sending share j to member j (the
 * switch's combining of the n-1 arrivals is not a separate transfer), the multicast phase member
 * j's share to every other member, its copies marked so that the bytes leave the port once. Each
 * phase costs the reduction's fixed phase latency and runs at its efficiency of the link:
 * T = 2 phase + 2 alpha + S / (e B).
 */
public final class InSwitch implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "nvls";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE;
  }

  @Override
  public boolean appliesTo(CollectiveGroup group) {
    return group.inSwitchReduction() != null;
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    InSwitchReduction r = group.inSwitchReduction();
    if (!supports(kind) || r == null) {
      throw new IllegalArgumentException(
          "nvls implements all-reduce on a switch that reduces, not " + kind.label() + " here");
    }
    int n = group.size();
    List<Step.Transfer> reduceSends = new ArrayList<>(n - 1);
    List<Step.Transfer> reduceReceives = new ArrayList<>(n - 1);
    List<Step.Transfer> castSends = new ArrayList<>(n - 1);
    List<Step.Transfer> castReceives = new ArrayList<>(n - 1);
    long own = Ring.chunk(bytes, n, member);
    for (int k = 1; k < n; k++) {
      // Peers in rotated order, so that no member is everyone's first destination.
      int peer = (member + k) % n;
      long theirs = Ring.chunk(bytes, n, peer);
      reduceSends.add(new Step.Transfer(peer, theirs, r.phaseLatencyPicos(), r.efficiency(), false));
      reduceReceives.add(new Step.Transfer(peer, own));
      castSends.add(
          new Step.Transfer(peer, own, r.phaseLatencyPicos(), r.efficiency(), k > 1));
      castReceives.add(new Step.Transfer(peer, theirs));
    }
    return List.of(new Step(reduceSends, reduceReceives), new Step(castSends, castReceives));
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    InSwitchReduction r = group.inSwitchReduction();
    int n = group.size();
    long slowest = 0;
    long up = 0;
    for (int a = 0; a < n; a++) {
      for (int k = 1; k < n; k++) {
        int b = (a + k) % n;
        slowest = Math.max(slowest, costs.latencyPicos(a, b));
      }
      up = Math.max(up, Math.round(bytes / (costs.bytesPerSecond(a, (a + 1) % n) * r.efficiency())
          * 1e12));
    }
    return 2 * (r.phaseLatencyPicos() + slowest) + up;
  }
}
