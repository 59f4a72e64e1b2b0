package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each member of a ring collective sends its chunk in one step of the ring.
 *
 * <p>A ring inside one scale-up domain, or with one member per domain, sends the whole chunk to
 * the next member. A ring over m >= 2 domains of d >= 2 members each (a TP16 group on two HGX
 * nodes) runs as NCCL runs it on rail-optimised nodes, where every GPU has its own NIC: d
 * channels, each a ring that leaves a domain through a different member's NIC (NCCL's rings on
 * such systems cross nodes on one rail per channel, so a node's d NICs carry its d channels side
 * by side; NCCL's user guide, "NCCL_CROSS_NIC" and "NCCL_MIN_NCHANNELS"; nccl-tests' 2-node
 * all-reduce bus bandwidth on 8 x 400 Gb/s nodes is several times one NIC's). A member at
 * position p of domain k thus sends ceil(c/d) of a chunk c to position p of domain k + 1 (its
 * rail peer, over its scale-out port) and the rest to position p + 1 of its own domain (over the
 * scale-up fabric); the ports run at once. A plain ring over the same chips would send every
 * chunk across a single NIC per domain boundary.
 *
 * @param legs per member (in group order), where its share of a chunk goes
 * @param channels d for a striped ring, 1 for a plain one
 */
public record RingLegs(List<List<Leg>> legs, int channels) {
  /** One destination of a member's chunk: the rail peer's share, or the rest. */
  public record Leg(int to, boolean rail) {}

  /** The bytes a leg carries of a chunk of {@code chunk} bytes. */
  public long bytes(Leg leg, long chunk) {
    long rail = chunk / channels + (chunk % channels == 0 ? 0 : 1);
    return channels == 1 ? chunk : leg.rail() ? rail : chunk - rail;
  }

  /**
   * The legs of a ring over {@code group} (global chips, in ring order), striped when the group
   * spans several domains in equal contiguous blocks of two or more.
   */
  public static RingLegs of(int[] group, ChipRoutes routes) {
    int n = group.length;
    DomainBlocks domains = DomainBlocks.of(group, routes);
    int m = domains.domains();
    int d = n / m;
    boolean striped = m >= 2 && d >= 2 && domains.blocks();
    List<List<Leg>> legs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (striped) {
        int k = i / d;
        int p = i % d;
        legs.add(List.of(new Leg(group[(k + 1) % m * d + p], true),
            new Leg(group[k * d + (p + 1) % d], false)));
      } else {
        legs.add(List.of(new Leg(group[(i + 1) % n], false)));
      }
    }
    return new RingLegs(List.copyOf(legs), striped ? d : 1);
  }
}
