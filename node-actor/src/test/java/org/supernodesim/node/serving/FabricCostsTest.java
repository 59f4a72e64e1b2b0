package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.node.chip.AnalyticalTransport;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.inference.CommunicationDemand;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.InstanceChips;
import org.supernodesim.workload.inference.FabricCosts;

/**
 * An instance's collectives are timed on its own chips' routes: an expert-parallel all-to-all
 * over four nodes is priced on the scale-out link, and the closed form equals the full path (every
 * transfer on the analytical transport).
 */
class FabricCostsTest {
  /** NVLink-like: 450 GB/s per direction, 1 us per hop. */
  static final LinkSpec NVLINK = new LinkSpec(4.5e11, 1_000_000);
  /** InfiniBand-like: 400 Gb/s = 50 GB/s per direction, 2 us per hop. */
  static final LinkSpec INFINIBAND = new LinkSpec(5e10, 2_000_000);

  /** Four nodes of 8 chips, each node one switch, the nodes under one scale-out switch. */
  static Router fourNodes() {
    return new Router(Topology.build(new FabricSpec.Hierarchy(8,
        new FabricSpec.SingleSwitch(NVLINK), new FabricSpec.SingleSwitch(INFINIBAND)), 32));
  }

  @Test
  void anExpertAllToAllAcrossNodesIsPricedOnTheScaleOutLink() {
    // Given an EP32 instance (DP attention 32, tp 1) on 4 nodes of 8, each chip sending S bytes.
    // Each sends its 31 remote blocks of 1 MB (its own block stays), once per step.
    FabricCosts fabric = new FabricCosts(new Routes(fourNodes()), 0, new InstanceLayout(1, 1, 32, 32));

    // When a dispatch is priced.
    long picos = fabric.picos(dispatch(1, Collections.nCopies(32, 31_000_000L)));

    // Then each chip's 24 remote blocks serialise on its NIC (50 GB/s) and cross two IB hops,
    // while its 7 local blocks go at once over NVLink: T = 24 x 1 MB / 50 GB/s + 2 x 2 us
    // = 480 us + 4 us; NVLink alone would have taken 7 x 1 MB / 450 GB/s + 2 us = 17.6 us.
    long expected = 24 * Math.round(1e6 / 5e10 * 1e12) + 2 * 2_000_000;
    assertEquals(expected, picos, "EP all-to-all over 4 nodes: the scale-out link sets it");
    assertEquals(484_000_000L, picos, "484 us");
  }

  @Test
  void theClosedFormEqualsEveryTransferOnTheAnalyticalTransport() {
    // Given the same EP32 all-to-all run as 32 chips' graphs, every block a transfer.
    Router router = fourNodes();
    long bytes = 32L * 3_000_000;
    List<Integer> group = IntStream.range(0, 32).boxed().toList();
    List<OperationGraph> graphs = new ArrayList<>();
    for (int rank = 0; rank < 32; rank++) {
      graphs.add(new OperationGraph(rank, List.of(new Operation.Collective(0, List.of(), "a2a", 0,
          CollectiveKind.ALL_TO_ALL, group, bytes, AlgorithmChoice.DIRECT))));
    }
    ChipCluster full = ChipCluster.assemble(graphs,
        new ComputeCostModel(Deployments.h20()), new AnalyticalTransport(router));

    // When the full path runs, and the shortcut prices it.
    new SequentialRuntime().run(full.simulation());
    long fullPicos = full.collectiveResults().get(0).picos();
    long shortcut = new FabricCosts(new Routes(router), 0, new InstanceLayout(1, 1, 32, 32))
        .picos(dispatch(1, Collections.nCopies(32, bytes - bytes / 32)));

    // Then they agree to the picosecond (S divides into 32 equal blocks).
    assertEquals(fullPicos, shortcut, "closed form = full path, EP32 over 4 nodes");
  }

  @Test
  void aTensorParallelRingWithinANodeStaysOnTheScaleUpLink() {
    // Given TP8 in one node: a ring all-reduce of S = 8 MB per chip.
    FabricCosts fabric = new FabricCosts(new Routes(fourNodes()), 8, new InstanceLayout(8, 1, 1, 1));
    CommunicationDemand twice = new CommunicationDemand(CommunicationDemand.Collective.ALL_REDUCE,
        CommunicationDemand.RankGroup.TENSOR, 2, Collections.nCopies(8, 8_000_000L));

    // Then T = 2(n-1) x (S/n / B + 2 alpha) on NVLink: 14 x (1 MB / 450 GB/s + 2 us), twice.
    long step = Math.round(1e6 / 4.5e11 * 1e12) + 2_000_000;
    assertEquals(2 * 14 * step, fabric.picos(twice), "two ring all-reduces within a node");
  }

  /** An Atlas 800-like server: 8 chips, each linked to every other by its own 28 GB/s link. */
  static Router fullMesh() {
    return new Router(Topology.build(new FabricSpec.FullMesh(new LinkSpec(2.8e10, 1_000_000)), 8));
  }

  @Test
  void aTensorParallelAllReduceOnAFullMeshUsesEveryLinkAtOnce() {
    // Given TP8 on a full mesh (each chip 7 links of 28 GB/s, 1 us): an all-reduce of S = 32 MB.
    FabricCosts fabric = new FabricCosts(new Routes(fullMesh()), 0, new InstanceLayout(8, 1, 1, 1));
    CommunicationDemand once = new CommunicationDemand(CommunicationDemand.Collective.ALL_REDUCE,
        CommunicationDemand.RankGroup.TENSOR, 1, Collections.nCopies(8, 32_000_000L));

    // Then it runs as HCCL's mesh algorithm: a reduce-scatter and an all-gather, each member
    // sending every peer its S/8 = 4 MB on that peer's own link at once: 2 x (4 MB / 28 GB/s +
    // 1 us) = 287.7 us, where a ring keeps one link of the seven busy a step: 14 x (4 MB / 28
    // GB/s + 1 us) = 2,014 us.
    long phase = Math.round(4e6 / 2.8e10 * 1e12) + 1_000_000;
    assertEquals(2 * phase, fabric.picos(once), "mesh all-reduce");
    assertEquals(287_714_286L, fabric.picos(once), "287.7 us");
    // An all-gather of 4 MB a member is one such phase.
    CommunicationDemand gather = new CommunicationDemand(
        CommunicationDemand.Collective.ALL_GATHER, CommunicationDemand.RankGroup.TENSOR, 1,
        Collections.nCopies(8, 4_000_000L));
    assertEquals(phase, fabric.picos(gather), "mesh all-gather");
  }

  @Test
  void aTensorParallelRingOverTwoNodesStripesItsChannelsOverEveryNic() {
    // Given TP16 over nodes 0 and 1 (chips 0-15): a ring all-reduce of S = 16 MB per chip, one
    // chunk of S/16 = 1 MB per step. NCCL runs 8 channels, each crossing between the nodes on a
    // different GPU's NIC (rail), so each chip sends 1/8 of a chunk to its rail peer in the other
    // node (125 kB over IB: 50 GB/s, two hops of 2 us) while the other 7/8 go to its neighbour in
    // the node (875 kB over NVLink: 450 GB/s, two hops of 1 us), at once on the two ports.
    FabricCosts fabric =
        new FabricCosts(new Routes(fourNodes()), 0, new InstanceLayout(16, 1, 1, 1));
    CommunicationDemand once = new CommunicationDemand(CommunicationDemand.Collective.ALL_REDUCE,
        CommunicationDemand.RankGroup.TENSOR, 1, Collections.nCopies(16, 16_000_000L));

    // Then a step lasts the slower port, IB: 125 kB / 50 GB/s + 4 us = 6.5 us (NVLink: 875 kB /
    // 450 GB/s + 2 us = 3.94 us), and the all-reduce 2(n-1) = 30 steps: 195 us, where one ring
    // crossing on a single NIC would take 30 x (1 MB / 50 GB/s + 4 us) = 720 us.
    long ib = Math.round(125_000 / 5e10 * 1e12) + 4_000_000;
    long nvlink = Math.round(875_000 / 4.5e11 * 1e12) + 2_000_000;
    assertEquals(30 * Math.max(ib, nvlink), fabric.picos(once), "TP16 ring striped over rails");
    assertEquals(195_000_000L, fabric.picos(once), "195 us");
  }

  @Test
  void aHotExpertRankSetsTheAllToAllByWhatItReceives() {
    // Given EP32 over 4 nodes where rank 5 receives 62 MB and the others 31 MB (they all send
    // the mean, 31.97 MB): rank 5's port takes in 2 MB blocks from its 31 peers.
    List<Long> bytes = new ArrayList<>(Collections.nCopies(32, 31_000_000L));
    bytes.set(5, 62_000_000L);
    FabricCosts fabric = new FabricCosts(new Routes(fourNodes()), 0, new InstanceLayout(1, 1, 32, 32));

    // Then its 24 remote 2 MB blocks on the NIC: 24 x 2 MB / 50 GB/s + 4 us = 964 us.
    assertEquals(964_000_000L, fabric.picos(dispatch(1, bytes)), "the hot rank's inbound port");
  }

  @Test
  void deepEpNormalModeSendsOneCopyPerRemoteNodeAndForwardsOverNvlink() {
    // Given EP32 over 4 nodes of 8 with DeepEP's normal kernels, DeepSeek-V3's k = 8 of 256
    // experts (8 a GPU, 64 a node), each GPU holding T tokens of W = 7,392 wire bytes (FP8 of a
    // 7,168-wide token with its scales): an entry of T x W = 10 MB per GPU.
    long entry = 10_000_000L;
    FabricCosts fabric =
        new FabricCosts(new Routes(fourNodes()), 0, new InstanceLayout(1, 1, 32, 32));
    CommunicationDemand.Route route = new CommunicationDemand.Route.PerNode(8, 256);

    // When the dispatch is priced.
    long picos = fabric.picos(new CommunicationDemand(CommunicationDemand.Collective.EP_DISPATCH,
        CommunicationDemand.RankGroup.EXPERT, 1, Collections.nCopies(32, entry), route));

    // Then a token goes once over RDMA to each other node holding one of its experts, with
    // p_node = 1 - C(192, 8) / C(256, 8) = 0.904, to the GPU of its rail there: 3 blocks of
    // p_node x 10 MB on the NIC, 3 x 9.04 MB / 50 GB/s + 4 us = 546 us. Inside the node each GPU
    // sends its node peers its own tokens (p_gpu = 1 - C(248, 8) / C(256, 8) = 0.227) and those
    // its 3 rail peers sent it: 7 blocks of 4 x p_gpu x 10 MB over NVLink at once, 7 x 9.08 MB /
    // 450 GB/s + 2 us = 143 us. The NIC sets it (a direct all-to-all would put 24 blocks of
    // 8 x 10 MB x 31/32 / 31 on it: 1,244 us).
    double node = 1 - choose(192, 8) / choose(256, 8);
    double gpu = 1 - choose(248, 8) / choose(256, 8);
    assertEquals(0.904, node, 0.001);
    assertEquals(0.227, gpu, 0.001);
    long rdma = 3 * Math.round(Math.round(entry * node) / 5e10 * 1e12) + 4_000_000;
    long nvlink = 7 * Math.round(Math.round(entry * 4 * gpu) / 4.5e11 * 1e12) + 2_000_000;
    assertEquals(Math.max(rdma, nvlink), picos, "one RDMA copy per remote node");
    assertEquals(546e6, picos, 1e6, "546 us");
  }

  @Test
  void deepEpNormalModeNeedsWholeNodes() {
    // EP 12 from chip 4: 4 GPUs of node 0 and 8 of node 1, which DeepEP's internode kernels
    // (NVLink peers of a whole node) do not run.
    FabricCosts fabric =
        new FabricCosts(new Routes(fourNodes()), 4, new InstanceLayout(1, 1, 12, 12));
    CommunicationDemand d = new CommunicationDemand(CommunicationDemand.Collective.EP_DISPATCH,
        CommunicationDemand.RankGroup.EXPERT, 1, Collections.nCopies(12, 1000L),
        new CommunicationDemand.Route.PerNode(8, 256));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> fabric.picos(d));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[4, 8]"),
        e.getMessage());
  }

  private static double choose(int n, int k) {
    double c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
    }
    return c;
  }

  private static CommunicationDemand dispatch(int times, List<Long> remoteBytes) {
    return new CommunicationDemand(CommunicationDemand.Collective.EP_DISPATCH,
        CommunicationDemand.RankGroup.EXPERT, times, remoteBytes);
  }

  @Test
  void theInstanceGroupsFollowTheLayout() {
    // tp 2 x dpAttention 4 = 8 chips per stage, 2 stages, from chip 16.
    InstanceChips c = new InstanceChips(16, new InstanceLayout(2, 2, 4, 4));
    assertEquals(List.of(16, 17), IntStream.of(c.tensorGroups()[0]).boxed().toList());
    assertEquals(List.of(24, 25, 26, 27, 28, 29, 30, 31),
        IntStream.of(c.stages()[1]).boxed().toList());
    assertEquals(List.of(17, 19, 21, 23), IntStream.of(c.attentionGroups()[1]).boxed().toList());
    assertEquals(List.of(16, 24), IntStream.of(c.stageBoundaries()[0]).boxed().toList());
  }
}
