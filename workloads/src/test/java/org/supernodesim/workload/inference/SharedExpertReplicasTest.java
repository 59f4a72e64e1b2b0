package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.CommunicationDemand.Collective;

/**
 * The shared expert as an always-selected routed expert on ranks of its own (DeepSeek-V3 §3.4.2;
 * CloudMatrix-Infer's EP320): token copies, the busiest rank's load and memory, in closed form.
 * DeepSeek-V3 in FP8 with DP attention over the EP group; one expert (routed or shared) is W = 3 x
 * 7168 x 2048 = 44,040,192 weights. The routed ranks take their expected shares ({@code sampling:
 * none}): the closed forms are of the placement; a step's finite draw is {@link RankLoadsTest}'s.
 */
class SharedExpertReplicasTest {
  private static final ComputeCostModel H20 = new ComputeCostModel(Shapes.h20());
  private static final TransformerSpec V3 = Shapes.deepseekV3();
  private static final LinkSpec LINK = new LinkSpec(5.0e10, 2_000_000);
  private static final double W = 3 * 7168.0 * 2048;
  private static final int MOE_LAYERS = 58;
  /** 4,000 decode tokens, spread over the DP groups. */
  private static final Batch DECODE = Batch.decode(4000, 1000);

  private static StepCostModel ep40(int redundant, int sharedReplicas) {
    return ep(40, redundant, sharedReplicas);
  }

  private static StepCostModel ep(int ep, int redundant, int sharedReplicas) {
    ExpertPlacement placement =
        new ExpertPlacement(ExpertPlacement.Load.uniform(), redundant, false, 1, 1,
            sharedReplicas, ExpertSampling.NONE);
    ServingOptions options = new ServingOptions(Overlap.NONE, Speculation.none(), placement,
        Precision.BF16, Precision.BF16);
    return new StepCostModel(V3, new InstanceLayout(1, 1, ep, ep), Precision.FP8,
        Precision.BF16, H20, new OneLinkPricer(LINK), options, 7);
  }

  private static CommunicationDemand dispatch(StepCost step) {
    return step.communication().stream()
        .filter(d -> d.collective() == Collective.EP_DISPATCH).findFirst().orElseThrow();
  }

  @Test
  void eachTokenSendsOneMoreCopyToAReplicaSpreadEvenly() {
    // EP 36 with 32 shared replicas: 288 slots, 8 a rank; the replicas fill the last 4 ranks,
    // the 256 routed experts the first 32, 8 each. Of T = 4,000 tokens each sends its 8 routed
    // copies and 1 shared copy, (ep - 1) / ep of them off its own rank, 14,336 bytes each in
    // BF16: a routed rank receives 8T / 32 x 35/36 copies, a replica's rank T / 4 x 35/36 (the
    // same), and all 36 together 9T x 35/36.
    CommunicationDemand d = dispatch(ep(36, 0, 32).step(DECODE));
    double wire = 7168 * 2.0;
    List<Long> bytes = d.bytesPerRank();
    assertEquals(36, bytes.size());
    for (int rank = 0; rank < 36; rank++) {
      double copies = rank < 32 ? 8 * 4000 / 32.0 * 35 / 36 : 4000 / 4.0 * 35 / 36;
      assertEquals(copies * wire, bytes.get(rank), 0.5, "rank " + rank + ": 1 byte of rounding");
    }
    double total = bytes.stream().mapToLong(Long::longValue).sum();
    assertEquals(9 * 4000 * 35 / 36.0 * wire, total, 36 * 0.5, "9 copies a token less the local");
    assertEquals(MOE_LAYERS, d.timesPerStep(), "one dispatch per MoE layer");
  }

  @Test
  void aReplicasRankSetsTheLayerWhenItsShareOfAllTokensIsTheLargest() {
    // EP 34 with 16 replicas: 272 slots, 8 a rank, the replicas on the last 2 ranks, the 256
    // routed experts on 32. A replica's rank computes the shared expert for T / 2 = 2,000 tokens,
    // a routed rank 8T / 32 = 1,000 token-experts: the replica sets the layer, and no chip
    // computes the shared expert for its own tokens. Without replicas (SGLang's trivial placement
    // of 256 experts over 34 ranks: 7 or 8 each) every chip computes the shared expert for its
    // T / 34 tokens and the busiest rank 8/256 of the 8T assignments, 1,000. Each MoE layer's FFN
    // FLOPs on the busiest chip thus change by 2W x (2,000 - T / 34 - 1,000); the router,
    // attention, dense layers and head are the same.
    double plain = ep(34, 0, 0).step(DECODE).flopsPerChip();
    double replicated = ep(34, 0, 16).step(DECODE).flopsPerChip();
    assertEquals(MOE_LAYERS * 2 * W * (2000 - 4000 / 34.0 - 1000), replicated - plain,
        1e-9 * plain, "the busiest rank's expert FLOPs, closed form");
  }

  @Test
  void aRoutedRankSetsTheLayerWhenTheReplicasAreMany() {
    // EP 40 with 64 replicas on 8 ranks (8 slots a rank), the 256 routed experts on 32: a routed
    // rank takes 8T / 32 = 1,000 token-experts, a replica's rank T / 8 = 500 tokens; the routed
    // rank sets the layer. Without replicas: the shared expert for T / 40 = 100 tokens and 7/256
    // of 8T, 875, on the busiest rank: 2W x (1,000 - 100 - 875) more a layer.
    double plain = ep40(0, 0).step(DECODE).flopsPerChip();
    double replicated = ep40(0, 64).step(DECODE).flopsPerChip();
    assertEquals(MOE_LAYERS * 2 * W * (1000 - 100 - 875), replicated - plain, 1e-9 * plain);
    // And a replica's rank receives half what a routed rank does.
    List<Long> bytes = dispatch(ep40(0, 64).step(DECODE)).bytesPerRank();
    assertEquals(bytes.get(0) / 2.0, bytes.get(39), 1.0);
  }

  @Test
  void memoryPerChipCountsTheSlots() {
    // 8 slots a rank, one expert of W bytes (FP8) each in 58 layers; the routed and shared
    // experts are the same size, so the fullest rank is any: 8 x 58 x W of experts and no shared
    // expert beside them. Without replicas: 7 routed slots on the fullest of 40 ranks plus the
    // shared expert on every chip.
    ChipMemory replicated = ep40(32, 32).memory();
    assertEquals(8 * MOE_LAYERS * W, replicated.routedExpertBytes(), 0.5);
    assertEquals(0, replicated.sharedExpertBytes(), 0.0);
    ChipMemory plain = ep40(0, 0).memory();
    assertEquals(7 * MOE_LAYERS * W, plain.routedExpertBytes(), 0.5);
    assertEquals(MOE_LAYERS * W, plain.sharedExpertBytes(), 0.5);
    assertEquals(plain.attentionBytes(), replicated.attentionBytes(), 0.0);
  }

  @Test
  void layoutsTheReplicasCannotFillAreRefused() {
    ExpertPlacement uneven =
        new ExpertPlacement(ExpertPlacement.Load.uniform(), 0, false, 1, 1, 30);
    assertTrue(uneven.sharedReplicaProblem(256, 40).orElseThrow()
        .contains("286 slots, which do not fill 40 EP ranks evenly"));
    ExpertPlacement partRank =
        new ExpertPlacement(ExpertPlacement.Load.uniform(), 20, false, 1, 1, 44);
    assertTrue(partRank.sharedReplicaProblem(256, 40).orElseThrow()
        .contains("give a multiple of 8"));
    assertThrows(IllegalArgumentException.class, () -> ep40(20, 44));
    // A model without a shared expert, and DeepEP's forwarded all-to-all, are refused.
    ExpertPlacement fits =
        new ExpertPlacement(ExpertPlacement.Load.uniform(), 0, false, 1, 1, 64);
    IllegalArgumentException noShared = assertThrows(IllegalArgumentException.class,
        () -> new StepCostModel(Shapes.smallMoe(), new InstanceLayout(1, 1, 8, 8),
            Precision.BF16, Precision.BF16, H20, new OneLinkPricer(LINK),
            new ServingOptions(Overlap.NONE, Speculation.none(),
                new ExpertPlacement(ExpertPlacement.Load.uniform(), 0, false, 1, 1, 8),
                Precision.BF16, Precision.BF16), 7));
    assertTrue(noShared.getMessage().contains("no shared expert"), noShared.getMessage());
    IllegalArgumentException forwarded = assertThrows(IllegalArgumentException.class,
        () -> new StepCostModel(V3, new InstanceLayout(1, 1, 40, 40), Precision.FP8,
            Precision.BF16, H20, new OneLinkPricer(LINK),
            new ServingOptions(Overlap.NONE, Speculation.none(), fits, Precision.BF16,
                Precision.BF16, EpAllToAll.DEEPEP_NORMAL), 7));
    assertTrue(forwarded.getMessage().contains("direct"), forwarded.getMessage());
  }
}
