package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.cost.ComputeCostModel;

/** DeepSeek-V3 as the large expert-parallel deployments serve it: memory, MLA, MTP, TBO, EPLB. */
class LargeDeploymentCostTest {
  private static final ComputeCostModel H20 = new ComputeCostModel(Shapes.h20());
  private static final TransformerSpec V3 = Shapes.deepseekV3();
  private static final LinkSpec LINK = new LinkSpec(5.0e10, 2_000_000);

  private static StepCostModel dpEp(int ep, ServingOptions options) {
    return new StepCostModel(V3, new InstanceLayout(1, 1, ep, ep), Precision.FP8, Precision.BF16,
        H20, new OneLinkPricer(LINK), options, 7);
  }

  @ParameterizedTest(name = "EP {0}: {1} experts on the fullest rank")
  @CsvSource({"8, 32", "32, 8", "72, 4", "144, 2", "256, 1"})
  void deepSeekV3WeightsPerChipLayerByLayer(int ep, int expertsOnFullestRank) {
    // DeepSeek-V3 in FP8 with DP attention (tp 1: every chip holds all attention, dense FFN,
    // shared expert, embedding and head) and EP over the same chips. Layer by layer:
    //   attention projections, 61 layers: q 7168 x 1536 + 1536 x 128 x 192 = 48,758,784;
    //     KV down 7168 x 576 = 4,128,768; KV up 512 x 128 x 256 = 16,777,216; output
    //     128 x 128 x 7168 = 117,440,512; 187,105,280 a layer, 11.41 GB at 1 byte.
    //   dense FFN, 3 layers of 3 x 7168 x 18,432 = 396,361,728: 1.19 GB.
    //   shared expert, 58 MoE layers of 3 x 7168 x 2048 = 44,040,192: 2.55 GB.
    //   routed experts, 58 layers x ceil(256 / ep) on the fullest rank x 44,040,192 (256 / 72 is
    //     3.56: 40 ranks hold 4, 32 hold 3; the fullest sets what fits).
    //   embedding and head, 2 x 129,280 x 7168 in BF16 (kept so in FP8 checkpoints): 3.71 GB.
    //   norms (61 x (2 x 7168 + 1536 + 512)) and routers (58 x (256 x 7168 + 256)) in BF16:
    //     0.21 GB.
    // At EP 72 that is 29.3 GB and at EP 144 24.2 GB (the "about 26 and 22 GB" counts
    // 3.56 and 1.78 experts and the tables at 1 byte); the old count gave 37.4 GB at every EP.
    double attention = 61 * 187_105_280.0;
    double dense = 3 * 396_361_728.0;
    double shared = 58 * 44_040_192.0;
    double routed = 58.0 * expertsOnFullestRank * 44_040_192.0;
    double tables = 2 * 129_280.0 * 7168 * 2;
    double small = (61 * (2 * 7168.0 + 1536 + 512) + 58 * (256 * 7168.0 + 256)) * 2;

    ChipMemory m = dpEp(ep, ServingOptions.plain()).memory();

    assertEquals(attention, m.attentionBytes(), 0.5);
    assertEquals(dense, m.denseFfnBytes(), 0.5);
    assertEquals(shared, m.sharedExpertBytes(), 0.5);
    assertEquals(routed, m.routedExpertBytes(), 0.5);
    assertEquals(tables, m.embeddingAndHeadBytes(), 0.5);
    assertEquals(small, m.normsAndRoutersBytes(), 0.5);
    assertEquals(attention + dense + shared + routed + tables + small, m.weightBytes(), 1.0);
  }

  @ParameterizedTest(name = "{0}: {1} bits an element")
  @CsvSource({"NVFP4, 4.5", "MXFP4, 4.25"})
  void fp4WeightsTakeTheirBitsWithBlockScalesAndTheTablesStayBf16(Precision fp4, double bits) {
    // DeepSeek-V3 at EP 72 as above, its quantised weights (attention projections, dense FFN,
    // shared and routed experts: 25.37 GB at one byte) in a 4-bit format whose block scales add
    // 8 bits per 16 (NVFP4) or per 32 (MXFP4) elements; the embedding, head, norms and routers
    // stay BF16 (3.92 GB).
    double quantised = 61 * 187_105_280.0 + 3 * 396_361_728.0 + 58 * 44_040_192.0
        + 58.0 * 4 * 44_040_192.0;
    double bf16 = 2 * 129_280.0 * 7168 * 2
        + (61 * (2 * 7168.0 + 1536 + 512) + 58 * (256 * 7168.0 + 256)) * 2;
    StepCostModel m = new StepCostModel(V3, new InstanceLayout(1, 1, 72, 72), fp4,
        Precision.BF16, H20, new OneLinkPricer(LINK), ServingOptions.plain(), 7);

    assertEquals(bits, fp4.bits(), 0.0);
    assertEquals(quantised * bits / 8 + bf16, m.weightBytesPerChip(), 1.0);
    assertEquals(bits == 4.5 ? 18.19e9 : 17.40e9, m.weightBytesPerChip(), 0.01e9);
  }

  @Test
  void deepSeekV3AtEp72And144() {
    assertEquals(29.3e9, dpEp(72, ServingOptions.plain()).weightBytesPerChip(), 0.05e9);
    assertEquals(24.2e9, dpEp(144, ServingOptions.plain()).weightBytesPerChip(), 0.05e9);
  }

  @Test
  void mlaPrefillFormAndAbsorbedDecodeForm() {
    StepCostModel costs = dpEp(8, ServingOptions.plain());
    // Prefill form: 2 x 128 x (128 + 64) + 2 x 128 x 128 = 81,920 FLOPs per key.
    assertEquals(81_920, costs.attentionFlopsPerKey(true), 0.0);
    // Absorbed: 2 x 128 x (512 + 64) + 2 x 128 x 512 = 278,528.
    assertEquals(278_528, costs.attentionFlopsPerKey(false), 0.0);
    // A decode step with one more key costs 278,528 more FLOPs per layer (on one of 8 DP
    // groups: the step spreads over the eight, one key on each at 8 requests).
    double decode = costs.step(Batch.decode(8, 1001)).flopsPerChip()
        - costs.step(Batch.decode(8, 1000)).flopsPerChip();
    assertEquals(61 * 278_528.0, decode, 1e-3 * decode);
    // A prefill step (tokens > logits) with 8 more keys attended: 81,920 per key and layer.
    double prefill = costs.step(new Batch(800, 40_008, 800, 8)).flopsPerChip()
        - costs.step(new Batch(800, 40_000, 800, 8)).flopsPerChip();
    assertEquals(61 * 81_920.0, prefill, 1e-3 * prefill);
  }

  @ParameterizedTest(name = "{0} drafts at acceptance {1}")
  @CsvSource({"1, 0.85, 1.85", "3, 0.7, 2.533", "2, 1.0, 3.0", "4, 0.0, 1.0"})
  void speculativeDecodingYieldsOnePlusAPlusASquared(int k, double a, double expected) {
    // Expected tokens per step 1 + a + a^2 + ... + a^k (draft i kept only if all before it were).
    Speculation s = new Speculation(k, List.of(a));
    assertEquals(expected, s.tokensPerStep(), 1e-3);
    assertEquals(1 + 0.9 + 0.9 * 0.5, new Speculation(2, List.of(0.9, 0.5)).tokensPerStep(), 1e-12,
        "per-position rates multiply");
  }

  @Test
  void aLoneRequestsTpotWithMtpIsTheVerifyStepOverTheExpectedTokens() {
    // One request at 1,000 tokens of context with k = 2 drafts: a step runs 2 one-token MTP
    // passes and verifies 3 tokens; at acceptance a it keeps 1 + a + a^2 on average, so its
    // TPOT is the step over that; a = 0 gives the bare step, which any a divides.
    ServingOptions none = ServingOptions.plain();
    ServingOptions zero = new ServingOptions(Overlap.NONE, new Speculation(2, List.of(0.0)),
        ExpertPlacement.uniform(), Precision.BF16, Precision.BF16);
    ServingOptions at = new ServingOptions(Overlap.NONE, new Speculation(2, List.of(0.8)),
        ExpertPlacement.uniform(), Precision.BF16, Precision.BF16);
    StepCostModel plain = dpEp(8, none);
    long step = dpEp(8, zero).step(Batch.decode(1, 1000)).picos();

    long tpot = dpEp(8, at).step(Batch.decode(1, 1000)).picos();

    assertEquals(step / (1 + 0.8 + 0.64), tpot, 1.0, "TPOT = step / (1 + a + a^2)");
    // The step verifies 3 tokens: more than a plain decode of one, less than 3 plain steps
    // (weights are read once).
    long single = plain.step(Batch.decode(1, 1000)).picos();
    assertTrue(step > single && step < 3 * single, step + " vs " + single);
    // TTFT: the prefill step also runs the MTP module once over the prompt; every other kernel
    // is the plain one, so the difference is one MoE block, its projection and the head.
    long ttftPlain = plain.step(Batch.prefill(2000)).picos();
    long ttftMtp = dpEp(8, at).step(Batch.prefill(2000)).picos();
    assertTrue(ttftMtp > ttftPlain && ttftMtp < ttftPlain * (1 + 2.0 / 61),
        ttftMtp + " vs " + ttftPlain + ": one more block of 61");
  }

  @Test
  void twoBatchOverlapHidesTheSmallerOfComputeAndCommunication() {
    assertEquals(100 + 40, Overlap.NONE.combine(100, 40, 58));
    assertEquals(100 + 40 / 116, Overlap.TWO_BATCH.combine(100, 40, 58));
    assertEquals(1000 + 580 / 116, Overlap.TWO_BATCH.combine(580, 1000, 58));
    // A prefill step with overlap: its two micro-batches are priced apart (twice the weight
    // reads, the same FLOPs) and every collective runs twice at half the bytes. At the expected
    // expert shares: each micro-batch's own draw is busier than the whole batch's (RankLoads),
    // which would add routed-expert FLOPs under overlap.
    ExpertPlacement expected = ExpertPlacement.uniform().withSampling(ExpertSampling.NONE);
    ServingOptions tbo = new ServingOptions(Overlap.TWO_BATCH, Speculation.none(),
        expected, Precision.FP8, Precision.BF16);
    ServingOptions off = new ServingOptions(Overlap.NONE, Speculation.none(),
        expected, Precision.FP8, Precision.BF16);
    Batch b = new Batch(8 * 4096, 8 * 4096L * 4097 / 2, 8 * 4096, 8);
    StepCost with = dpEp(8, tbo).step(b);
    StepCost without = dpEp(8, off).step(b);
    assertEquals(without.flopsPerChip(), with.flopsPerChip(), 1e-9 * with.flopsPerChip());
    assertEquals(2 * without.communication().get(0).timesPerStep(),
        with.communication().get(0).timesPerStep());
    assertEquals(without.communication().get(0).busiestRankBytes() / 2.0,
        with.communication().get(0).busiestRankBytes(), 1.0);
    // Its sparse layers run SGLang's stages (TwoBatchPipelineTest): between the overlap of
    // everything, max(C, M), and none, C + M.
    assertTrue(with.pipeline().isPresent() && !with.pipeline().get().pipeline().decode());
    assertEquals(58, with.pipeline().get().pipeline().layers());
    assertTrue(with.picos() >= Math.max(with.computePicos(), with.communicationPicos()));
    assertTrue(with.picos() < with.computePicos() + with.communicationPicos());
    assertTrue(with.picos() < without.picos());
  }

  @Test
  void deepEpNormalKernelsLeaveThePrefillGemmsTheirSms() {
    // SGLang's prefill strategy runs DeepGEMM on the chip's SMs less DeepEP's (132 - 20 on an
    // H100): a compute-bound GEMM of the overlapped sparse layers takes 132 / 112 as long, the
    // attention kernel keeps every SM, and the step's compute carries the difference.
    ServingOptions free = new ServingOptions(Overlap.TWO_BATCH, Speculation.none(),
        ExpertPlacement.uniform(), Precision.FP8, Precision.BF16, EpAllToAll.DEEPEP_NORMAL);
    ServingOptions held = new ServingOptions(Overlap.TWO_BATCH, Speculation.none(),
        ExpertPlacement.uniform(), Precision.FP8, Precision.BF16, EpAllToAll.DEEPEP_NORMAL,
        new CommunicationSms(20, 132));
    Batch prefill = new Batch(8 * 4096, 8 * 4096L * 4097 / 2, 8 * 4096, 8);
    StepCost a = dpEp(8, free).step(prefill);
    StepCost b = dpEp(8, held).step(prefill);
    TwoBatchPipeline freePipeline = a.pipeline().orElseThrow().pipeline();
    TwoBatchPipeline heldPipeline = b.pipeline().orElseThrow().pipeline();
    TwoBatchPipeline.Stages p = freePipeline.stages();
    TwoBatchPipeline.Stages q = heldPipeline.stages();
    // To 2 %: the memory-bound kernels beside the GEMMs (activation, quantisation, permutes)
    // keep HBM's rate, so a stage grows a little less than 132 / 112.
    assertEquals(p.experts() * 132.0 / 112, q.experts(), 0.02 * q.experts(), "routed experts");
    assertEquals(p.shared() * 132.0 / 112, q.shared(), 0.02 * q.shared(), "shared experts");
    assertTrue(q.experts() < p.experts() * 132.0 / 112, "the non-GEMM kernels keep HBM's rate");
    assertTrue(q.attentionCore() < p.attentionCore() * 132.0 / 112, "attention keeps its SMs");
    assertEquals(heldPipeline.computePicos() - freePipeline.computePicos(),
        b.computePicos() - a.computePicos());
    assertEquals(a.flopsPerChip(), b.flopsPerChip(), 0.0);
    assertTrue(b.picos() > a.picos());
    // Decode's low-latency kernels take no SMs (a hook receives): its steps are the same.
    Batch decode = Batch.decode(8 * 128, 2000);
    assertEquals(dpEp(8, free).step(decode).picos(), dpEp(8, held).step(decode).picos());
    assertEquals(112.0 / 132, new CommunicationSms(20, 132).gemmShare(), 1e-15);
    assertEquals(1.0, CommunicationSms.none().gemmShare(), 0.0);
  }

  @Test
  void communicationSmsNeedDeepEpNormalUnderTwoBatchOverlapAndLeaveSomeSms() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new ServingOptions(Overlap.NONE,
            Speculation.none(), ExpertPlacement.uniform(), Precision.FP8, Precision.BF16,
            EpAllToAll.DEEPEP_NORMAL, new CommunicationSms(20, 132)));
    assertTrue(e.getMessage().contains("overlap: two-batch"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new CommunicationSms(132, 132));
    assertTrue(e.getMessage().contains("give 1 to 131"), e.getMessage());
  }

  @Test
  void fp8DispatchCarriesOneScalePer128Elements() {
    // 7168 bytes and 56 FP32 scales: 7392 bytes a token (DeepEP); BF16 combine 14,336.
    assertEquals(7392, ServingOptions.wireBytesPerToken(Precision.FP8, 7168), 0.0);
    assertEquals(14_336, ServingOptions.wireBytesPerToken(Precision.BF16, 7168), 0.0);
  }

  @Test
  void eplbReplicatesHotExpertsAndPacksRanksEvenly() {
    // 8 experts on 4 ranks, one expert holding half the load: contiguous placement puts it with
    // another on rank 0 (0.5 + 1/14 of the load against a mean of 0.25); EPLB with 4 redundant
    // replicas splits it over 5 slots (0.1 each) and packs 12 slots 3 to a rank.
    List<Double> weights = List.of(7.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    ExpertPlacement.Load load = ExpertPlacement.Measured.sameInEveryLayer(weights, "test");
    double[] contiguous = new ExpertPlacement(load, 0, false).rankShares(8, 4, 1, 1);
    double[] balanced = new ExpertPlacement(load, 4, true).rankShares(8, 4, 1, 1);
    assertEquals(8.0 / 14, contiguous[0], 1e-12, "expert 0 (7/14) and expert 1 (1/14)");
    // Each redundant replica goes to the most loaded expert per replica: expert 0 at 0.5, 0.25,
    // 0.167, 0.125, all above 1/14, so it takes all four: slots of 5 x 0.1 and 7 x 1/14. Packed
    // heaviest first onto the least loaded rank with room (3 each): rank 0 ends with 0.1 + 0.1 +
    // 1/14, the busiest, against 0.1 + 2/14 on the others.
    assertEquals(0.2 + 1.0 / 14, balanced[0], 1e-12);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
        new ExpertPlacement(ExpertPlacement.Load.uniform(), 0, false).rankShares(8, 4, 1, 1),
        1e-12);
  }

  @Test
  void withoutEplbRedundantSlotsReplicateTheFirstExpertsAsSglangsTrivialLocation() {
    // SGLang's init_trivial: physical slot p of the E + r holds expert p mod E. 8 experts, 4
    // redundant slots, 4 ranks of 3 slots: rank 0 holds experts 0, 1, 2; rank 1 experts 3, 4, 5;
    // rank 2 experts 6, 7 and a replica of 0; rank 3 replicas of 1, 2, 3. Expert 0 holds 7/14 of
    // the load, split over its 2 replicas: rank 0 carries 3.5/14 + 0.5/14 + 0.5/14 = 4.5/14,
    // rank 2 1/14 + 1/14 + 3.5/14 = 5.5/14, the busiest.
    List<Double> weights = List.of(7.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    ExpertPlacement.Load load = ExpertPlacement.Measured.sameInEveryLayer(weights, "test");
    double[] shares = new ExpertPlacement(load, 4, false).rankShares(8, 4, 1, 1);
    assertArrayEquals(new double[] {5.5 / 14, 4.5 / 14, 2.5 / 14, 1.5 / 14}, shares, 1e-12,
        "busiest first: ranks 2, 0, 1 (3/14 less expert 3's half) and 3");
    // Without redundant slots it is the contiguous placement; with them the slots must fill the
    // ranks evenly, as SGLang asserts (num_physical_experts % ep_size == 0).
    assertEquals(8.0 / 14,
        new ExpertPlacement(load, 0, false).rankShares(8, 4, 1, 1)[0], 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> new ExpertPlacement(load, 3, false).rankShares(8, 4, 1, 1));
  }

  @Test
  void eplbsHierarchicalPolicyPacksWholeGroupsOntoNodesBeforeBalancingWithinThem() {
    // 8 experts in 4 groups of 2, 4 ranks on 2 nodes, 4 redundant slots (6 a node, 3 a rank);
    // expert 0 holds 7/14 of the load. eplb.py, hierarchical: group loads 8, 2, 2, 2 (in 14ths)
    // packed two to a node, heaviest first onto the lighter node: node 0 {g0, g3} = experts 0, 1,
    // 6, 7; node 1 {g1, g2}. Node 0's 2 redundant slots both go to expert 0 (7, then 3.5, above
    // 1): slots 7/3 x 3, 1 x 3, packed heaviest first onto its 2 GPUs: 7/3 + 7/3 + 1 = 17/3 and
    // 7/3 + 1 + 1 = 13/3. Node 1: 1 x 4 experts, the redundant slots to experts 2 and 3 (0.5
    // each): 2 and 2. The global policy spreads expert 0 over 5 slots of 1.4 on any rank: 3.8.
    List<Double> weights = List.of(7.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    ExpertPlacement.Load load = ExpertPlacement.Measured.sameInEveryLayer(weights, "test");
    assertArrayEquals(new double[] {17.0 / 42, 13.0 / 42, 2.0 / 14, 2.0 / 14},
        new ExpertPlacement(load, 4, true, 2, 4).rankShares(8, 4, 1, 1), 1e-12,
        "hierarchical: the hot group's node cannot shed load to the other node");
    assertEquals(3.8 / 14,
        new ExpertPlacement(load, 4, true).rankShares(8, 4, 1, 1)[0], 1e-12, "global");
    assertThrows(IllegalArgumentException.class,
        () -> new ExpertPlacement(load, 4, true, 3, 4), "4 groups do not divide over 3 nodes");
    assertThrows(IllegalArgumentException.class,
        () -> new ExpertPlacement(load, 4, false, 2, 4), "hierarchical placement is EPLB's");
  }

  @Test
  void aMeasuredLoadPerLayerSetsEachLayersBusiestRankAndTheStepPaysTheirMean() {
    // Two MoE layers of 4 experts on 2 ranks, contiguous: layer 0 loads rank 0 with 3/4 of its
    // tokens, layer 1 rank 1 with 5/8. The busiest rank of each layer sets that layer: the mean
    // of the per-layer maxima, (3/4 + 5/8) / 2 = 11/16, against 1/2 were the load even.
    var load = new ExpertPlacement.Measured(
        List.of(List.of(2.0, 1.0, 0.5, 0.5), List.of(1.0, 2.0, 3.0, 2.0)), "test");
    double[] shares = new ExpertPlacement(load, 0, false).rankShares(4, 2, 2, 1);
    assertEquals(11.0 / 16, shares[0], 1e-12, "mean of the layers' busiest ranks");
    assertEquals(5.0 / 16, shares[1], 1e-12, "mean of the layers' least loaded ranks");
    // A row per layer must match the model's MoE layers.
    assertThrows(IllegalArgumentException.class,
        () -> new ExpertPlacement(load, 0, false).rankShares(4, 2, 3, 1));
  }

  @Test
  void theBusiestExpertRankSetsTheMoeCompute() {
    ServingOptions skewed = new ServingOptions(Overlap.NONE, Speculation.none(),
        new ExpertPlacement(new ExpertPlacement.Zipf(1.0), 0, false), Precision.FP8,
        Precision.BF16);
    StepCostModel even = dpEp(32, ServingOptions.plain());
    StepCostModel hot = dpEp(32, skewed);
    assertTrue(hot.expertImbalance() > 1.2, "Zipf(1) over 256 experts: " + hot.expertImbalance());
    Batch b = new Batch(32 * 4096, 32 * 4096L * 4097 / 2, 32 * 4096, 32);
    assertTrue(hot.step(b).computePicos() > even.step(b).computePicos());
    assertEquals(hot.step(b).picos(), dpEp(32, skewed).step(b).picos(), "same seed, same step");
  }
}
