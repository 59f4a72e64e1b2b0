package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.collective.Direct;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.graph.Operation;

/**
 * The direct all-to-all's closed form (what the stage fidelity takes) equals the chip fidelity's
 * path, every block a transfer on the analytical transport, to the picosecond: on two HGX-H800-like
 * servers (NVLink 160 GB/s to one switch, each GPU's own 40 GB/s NIC to a scale-out switch) an
 * expert group of stride 2 (Ling-Plus's ep 8 inside tp 2) sends its 3 peers in its server over
 * NVLink while its 4 peers in the other server share its NIC, at once; inside one server every
 * block shares NVLink, alpha + (n-1)/n S/B as before.
 */
class DirectAllToAllTest {
  private static final LinkSpec NVLINK = new LinkSpec(160e9, 1_000_000);
  private static final LinkSpec NIC = new LinkSpec(40e9, 2_000_000);
  /** 8 MiB per rank: 1 MiB blocks. */
  private static final long BYTES = 8L << 20;

  private static Router twoServers() {
    return new Router(Topology.build(new FabricSpec.Hierarchy(8,
        new FabricSpec.SingleSwitch(NVLINK), new FabricSpec.SingleSwitch(NIC)), 16));
  }

  @Test
  void anAllToAllOverTwoServersRunsNvlinkAndTheNicAtOnce() {
    Router router = twoServers();
    List<Integer> group = List.of(0, 2, 4, 6, 8, 10, 12, 14);
    long closedForm = new AnalyticalTransport(router).collectives()
        .estimatePicos(CollectiveKind.ALL_TO_ALL, new Direct(), group, BYTES);

    // The NIC sets it: 4 blocks of 1 MiB at 40 GB/s, then two scale-out hops (and the NVLink
    // hops on either side of the NIC: the route's latency); NVLink's 3 blocks take 3 x 6.55 us.
    long nicRoute = router.route(0, 8).latencyPicos();
    long nic = 4 * LinkSpec.serializationPicos(1L << 20, router.pairBytesPerSecond(0, 8));
    assertEquals(nic + nicRoute, closedForm, "the NIC's 4 blocks, then its route");
    assertEquals(closedForm, fullPath(router, group), "closed form = every transfer, to the ps");
    // Every block on one port would have taken 7 blocks (the old closed form's reading).
    long serialised = 3 * LinkSpec.serializationPicos(1L << 20, router.pairBytesPerSecond(0, 2))
        + nic + nicRoute;
    assertEquals(true, closedForm < serialised, "not all 7 blocks in one queue");
  }

  @Test
  void anAllToAllInsideOneServerSerialisesEveryBlockOnNvlink() {
    Router router = twoServers();
    List<Integer> group = IntStream.range(0, 8).boxed().toList();
    long closedForm = new AnalyticalTransport(router).collectives()
        .estimatePicos(CollectiveKind.ALL_TO_ALL, new Direct(), group, BYTES);

    long expected = 7 * LinkSpec.serializationPicos(1L << 20, router.pairBytesPerSecond(0, 1))
        + router.route(0, 1).latencyPicos();
    assertEquals(expected, closedForm, "alpha + (n-1)/n S/B, unchanged");
    assertEquals(closedForm, fullPath(router, group), "closed form = every transfer, to the ps");
  }

  @Test
  void anAllToAllStripedOverClosPlanesSharesOneStripedPort() {
    // Given a CloudMatrix384-like Clos (7 planes, 2 nodes of 8): the stage fidelity keeps its
    // planes, where flow 0's route to each peer starts on the plane its hash picks while the
    // transfer is striped over all 7; the chip fidelity runs on the planes merged into one link.
    FabricSpec clos = new FabricSpec.TwoTierClos(8, 7, 16,
        new LinkSpec(39.2e9, 650_000), new LinkSpec(19.6e9, 400_000));
    Router planes = new Router(Topology.build(clos, 16));
    Router merged = new Router(Topology.buildForNetwork(clos, 16));
    for (List<Integer> group : List.of(IntStream.range(0, 8).boxed().toList(),
        List.of(0, 2, 4, 6, 8, 10, 12, 14))) {
      long closedForm = new AnalyticalTransport(planes).collectives()
          .estimatePicos(CollectiveKind.ALL_TO_ALL, new Direct(), group, BYTES);
      // Then every block leaves on the chip's one striped port, as on the merged link: the
      // closed form on the planes equals the step-by-step path on the merged topology.
      assertEquals(fullPath(merged, group), closedForm, "striped planes are one port " + group);
    }
  }

  /** Every chip of the topology, the group's members running the all-to-all, step by step. */
  private static long fullPath(Router router, List<Integer> group) {
    List<List<Operation>> graphs = new ArrayList<>();
    for (int chip = 0; chip < router.topology().chips(); chip++) {
      graphs.add(group.contains(chip)
          ? List.of(new Operation.Collective(0, List.of(), "a2a", 0, CollectiveKind.ALL_TO_ALL,
              group, BYTES, AlgorithmChoice.DIRECT))
          : List.of());
    }
    return OneShot.run(new AnalyticalTransport(router), graphs);
  }
}
