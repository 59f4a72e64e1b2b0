package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.model.transformer.Activation;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.NormKind;
import org.supernodesim.model.transformer.PositionEncoding;
import org.supernodesim.model.transformer.RouterScoring;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.LengthDistribution;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.ServingOptions;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.SyntheticRequests;
import org.supernodesim.workload.inference.FabricCosts;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.workload.inference.HostTier;

/**
 * Serving on the flow model: collectives and KV transfers go through the fabric process. On an
 * idle fabric it gives the analytical closed forms' times; loaded, the runtimes still agree.
 */
class ServingFlowTest {

  /** TP2 instances of Llama-3.1 8B: two ring all-reduces per layer on the switch. */
  private static InstanceGroup tp2(Role role, int count, Router router) {
    InstanceLayout layout = new InstanceLayout(2, 1, 1, 1);
    StepCostModel costs = new StepCostModel(Deployments.llama8b(), layout, Precision.BF16,
        Precision.BF16, new ComputeCostModel(Deployments.h20()),
        new FabricCosts(new Routes(router), 0, layout), ServingOptions.plain(), 0);
    return new InstanceGroup(role, count, costs, 200_000, Deployments.limits(false));
  }

  private static ServingCluster.Setup setup(
      RequestTrace trace, List<InstanceGroup> groups, Router router, NetworkModel model) {
    return new ServingCluster.Setup(trace, groups, RoutingPolicy.LEAST_LOADED, 4, router, model,
        new Load.Arrivals(), null, null, HostTier.NONE);
  }

  @Test
  void aLoneRequestTakesTheSameTimeOnTheFlowModelAsOnTheClosedForms() {
    // Given one request (1,000 in, 20 out) on a disaggregated pair of TP2 instances: every step
    // runs 64 ring all-reduces (merged into one transfer per ring hop on the flow model) and the
    // KV goes over two lanes.
    Router router = Deployments.router(4);
    RequestTrace trace = new RequestTrace("one", List.of(Request.of(0, 0, 1000, 20)), 0, 0);
    List<InstanceGroup> groups = List.of(tp2(Role.PREFILL, 1, router), tp2(Role.DECODE, 1, router));

    ServingResult analytical =
        Deployments.runSequential(setup(trace, groups, router, NetworkModel.ANALYTICAL));
    ServingResult flow = Deployments.runSequential(setup(trace, groups, router, NetworkModel.FLOW));

    // Then the two agree: the flow's lookahead is half the analytical one, so its dispatch to the
    // prefill instance is 1 us shorter; the prefill's collectives take their closed form on the
    // idle fabric (within 1 ns: 64 rounded ring steps against one rounded merged transfer).
    assertEquals(analytical.ttftSeconds().max(), flow.ttftSeconds().max() + 1e-6, 1e-9,
        "TTFT: same prefill and collectives; a 1 us shorter dispatch");
    assertEquals(analytical.tpotSeconds().max(), flow.tpotSeconds().max(), 1e-9,
        "TPOT: each decode step's all-reduces take their closed form on the idle fabric");
    assertEquals("flow", flow.fabric().networkModel());
  }

  @Test
  void aRingOverTwoNodesStripedOverRailsTakesItsClosedFormOnTheFlowModel() {
    // Given a unified TP16 instance over two 8-chip nodes: every all-reduce runs 8 channels, each
    // chip sending 1/8 of a chunk to its rail peer over IB and the rest over NVLink.
    Router router = FabricCostsTest.fourNodes();
    StepCostModel costs = llama8bTensorParallel(16, router);

    // Then each decode step's all-reduces take the closed form on the idle fabric: the rail
    // transfers (IB) set every ring step, so the merged transfers and waits add up to it.
    assertLoneRequestTpotAlike(costs, router, "TP16's striped rings");
  }

  @Test
  void aMeshAllReduceOnAFullMeshTakesItsClosedFormOnTheFlowModel() {
    // Given a unified TP8 instance on 8 fully linked chips: every all-reduce runs as the mesh
    // algorithm, each chip sending its 7 peers their chunks at once, each on its own link.
    Router router = FabricCostsTest.fullMesh();
    StepCostModel costs = llama8bTensorParallel(8, router);

    // Then each decode step's all-reduces take the closed form on the idle fabric.
    assertLoneRequestTpotAlike(costs, router, "TP8's mesh all-reduces");
  }

  /** Llama-3.1 8B in BF16 at tensor parallelism {@code tp} on the first chips of {@code router}. */
  private static StepCostModel llama8bTensorParallel(int tp, Router router) {
    InstanceLayout layout = new InstanceLayout(tp, 1, 1, 1);
    return new StepCostModel(Deployments.llama8b(), layout, Precision.BF16, Precision.BF16,
        new ComputeCostModel(Deployments.h20()), new FabricCosts(new Routes(router), 0, layout),
        ServingOptions.plain(), 0);
  }

  /** One unified instance serving one request: its TPOT on the flow model and the closed forms. */
  private static void assertLoneRequestTpotAlike(StepCostModel costs, Router router, String what) {
    List<InstanceGroup> groups = List.of(
        new InstanceGroup(Role.UNIFIED, 1, costs, 200_000, Deployments.limits(false)));
    RequestTrace trace = new RequestTrace("one", List.of(Request.of(0, 0, 1000, 20)), 0, 0);

    ServingResult analytical =
        Deployments.runSequential(setup(trace, groups, router, NetworkModel.ANALYTICAL));
    ServingResult flow = Deployments.runSequential(setup(trace, groups, router, NetworkModel.FLOW));

    assertEquals(analytical.tpotSeconds().max(), flow.tpotSeconds().max(), 1e-9,
        "TPOT: " + what + " on the flow model = their closed form");
  }

  @Test
  void dpAttentionGathersOverTwoNodesTakeTheirClosedFormOnTheFlowModel() {
    // Given a unified instance of a small MoE (64 experts of width 1024, top-4, on the 8B's
    // attention) with attention in 16 DP groups over two 8-chip nodes and every expert split
    // over the 16 chips (ep 1): each MoE layer runs two all-reduces of the gathered tokens over
    // all 16 chips, as striped rings over the nodes' rails.
    Router router = FabricCostsTest.fourNodes();
    MoeFfn moe = new MoeFfn(64, 4, new Mlp(1024, Activation.SWIGLU, false), 0, Optional.empty(),
        org.supernodesim.model.transformer.Router.ungrouped(RouterScoring.SOFTMAX, false));
    TransformerSpec smallMoe = new TransformerSpec("small-moe", 32_000, 4096, 8,
        new PositionEncoding.Rope(1e4), NormKind.RMS_NORM,
        new GroupedQueryAttention(32, 8, 128, false, false, false),
        FfnLayout.MoeAfterDense.allMoe(moe), false, 0, List.of());
    InstanceLayout layout = new InstanceLayout(1, 1, 1, 16);
    StepCostModel costs = new StepCostModel(smallMoe, layout, Precision.BF16, Precision.BF16,
        new ComputeCostModel(Deployments.h20()), new FabricCosts(new Routes(router), 0, layout),
        ServingOptions.plain(), 0);

    // Then each decode step's gathers take the closed form on the idle fabric, as TP16's rings.
    assertTrue(costs.step(org.supernodesim.workload.inference.Batch.decode(1, 1000))
        .communicationPicos() > 0, "the gathers are priced");
    assertLoneRequestTpotAlike(costs, router, "the DP-attention gathers' striped rings");
  }

  @Test
  void bothRuntimesAgreeOnTheFlowModel() {
    // Given 3 TP2 instances sharing one switch under Poisson load, on the flow model.
    Router router = Deployments.router(6);
    RequestTrace trace = new SyntheticRequests(20, 1.0, 150, new LengthDistribution.Fixed(300),
        new LengthDistribution.Fixed(30)).generate(11);
    ServingCluster.Setup s = setup(trace, List.of(tp2(Role.UNIFIED, 3, router)), router,
        NetworkModel.FLOW);
    ServingResult reference = Deployments.runSequential(s);
    assertEquals(150, reference.requestsCompleted());

    for (int[] placement : new int[][] {{2, 1}, {4, 3}}) {
      ServingCluster cluster = ServingCluster.assemble(s);
      try (ActorRuntime runtime = new ActorRuntime(placement[0], placement[1])) {
        runtime.run(cluster.simulation());
      }
      assertEquals(reference, cluster.result(),
          "threads " + placement[0] + ", processes per actor " + placement[1]);
    }
    assertTrue(reference.tpotSeconds().p50() > 0);
  }
}
