package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.graph.Operation;

/**
 * Why a non-blocking fat tree still slows a chip-fidelity step on the flow model: ECMP. One ring
 * step of the data-parallel rings of the contention example (tp 8 fills a leaf): the 8 chips of
 * leaf 0 each send S to their peer on leaf 1 at once. Leaf 0 has 8 uplinks, one per spine, as
 * many as flows, but each flow takes the spine its hash picks (Router.pick), so some spines carry
 * two or three flows and others none. Max-min sharing gives every flow at least B/k_max (no link
 * on its path has more flows) and the link with k_max flows carries k_max·S at B, so the step
 * takes exactly k_max·S/B plus the route's latency; without collisions (one spine, 8x the
 * bandwidth, so nothing is hashed) it takes S/B. The analytical model and the stage fidelity
 * price each flow alone: S/B.
 */
class EcmpCollisionTest {
  private static final double BYTES_PER_SECOND = 50e9;
  private static final long HOP_PICOS = 1_000_000;
  private static final long BYTES = 1L << 28;

  @Test
  void aRingStepAcrossHashedUplinksTakesItsBusiestLinksFlows() {
    LinkSpec link = new LinkSpec(BYTES_PER_SECOND, HOP_PICOS);
    Router router = new Router(Topology.build(new FabricSpec.FatTree(8, link, 8, link), 16));
    // The fabric numbers transfers in the order it is handed them: chip 0's first.
    Map<Integer, Integer> flowsPerLink = new HashMap<>();
    for (int chip = 0; chip < 8; chip++) {
      Route r = router.route(chip, 8 + chip, chip);
      r.links().forEach(l -> flowsPerLink.merge(l.index(), 1, Integer::sum));
    }
    int busiest = flowsPerLink.values().stream().max(Integer::compare).orElseThrow();
    assertTrue(busiest >= 2, "these hashes collide: " + flowsPerLink);
    long latency = 4 * HOP_PICOS; // chip, leaf, spine, leaf, chip
    long expected = Math.round(busiest * BYTES / BYTES_PER_SECOND * 1e12) + latency;
    assertEquals(expected, run(router), 8, busiest + " flows on the busiest link");

    LinkSpec wide = new LinkSpec(8 * BYTES_PER_SECOND, HOP_PICOS);
    Router unhashed = new Router(Topology.build(new FabricSpec.FatTree(8, link, 1, wide), 16));
    long alone = Math.round(BYTES / BYTES_PER_SECOND * 1e12) + latency;
    assertEquals(alone, run(unhashed), 8, "one spine of the leaf's bandwidth: every flow at B");
  }

  /** Chips 0..7 send to 8..15 at once; when the last byte arrived. */
  private static long run(Router router) {
    List<List<Operation>> graphs = new ArrayList<>();
    for (int rank = 0; rank < 16; rank++) {
      graphs.add(List.of(rank < 8
          ? new Operation.Send(0, List.of(), "ring step", rank + 8, BYTES, 1)
          : new Operation.Recv(0, List.of(), "ring step", rank - 8, 1)));
    }
    return OneShot.run(new FlowTransport(router), graphs);
  }
}
