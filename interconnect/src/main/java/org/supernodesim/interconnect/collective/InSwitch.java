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
 * 2(n-1)/n S, and there are 2 phases, not 2(n-1) steps.
 *
 * <p>NCCL pipelines the two phases over chunks, so both directions of every port stay busy; this
 * model keeps that as one step in which both phases flow at once: member r sends share j to
 * member j (a contribution the switch adds into j's single stream, so it loads j's port with 1/(n-1)
 * of its bytes) and its own share to every other member (copies the switch makes, so the bytes
 * leave r's port once). Each port then carries S each way. The reduction's two phase latencies
 * come first, and it runs at its efficiency of the link: T = 2 phase + alpha + S / (e B).
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
    List<Step.Transfer> sends = new ArrayList<>(2 * (n - 1));
    List<Step.Transfer> receives = new ArrayList<>(2 * (n - 1));
    long own = Ring.chunk(bytes, n, member);
    long setup = 2 * r.phaseLatencyPicos();
    for (int k = 1; k < n; k++) {
      // Peers in rotated order, so that no member is everyone's first destination.
      int peer = (member + k) % n;
      long theirs = Ring.chunk(bytes, n, peer);
      sends.add(new Step.Transfer(peer, theirs, setup, r.efficiency(), false, 1.0 / (n - 1)));
      receives.add(new Step.Transfer(peer, own));
    }
    for (int k = 1; k < n; k++) {
      int peer = (member + k) % n;
      sends.add(new Step.Transfer(peer, own, setup, r.efficiency(), k > 1, 1));
      receives.add(new Step.Transfer(peer, Ring.chunk(bytes, n, peer)));
    }
    return List.of(new Step(sends, receives));
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
    return 2 * r.phaseLatencyPicos() + slowest + up;
  }
}
