package org.supernodesim.workload.trace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.TraceFiles;
import org.supernodesim.workload.trace.TraceGraphs;

/**
 * Every text workload of the test resources laid out on ranks, its structure checked against a
 * count made from the file and the policy's rules (see {@link LayerWalk}).
 */
class TextWorkloadTest {

  static TraceGraphs replay(String path, TextDialect dialect, int ranks, int local) {
    TextWorkload w = TraceFiles.text(path, dialect);
    TextReplay.Options o = TextReplay.Options.of(ranks).withLocalRanks(local);
    if (w.headerRanks().isPresent()) {
      o = new TextReplay.Options(
          OptionalInt.empty(), o.tickPicos(), o.localRanks(), AlgorithmChoice.AUTO, 1);
    }
    return TextReplay.of(w, o).graphs();
  }

  /** SimAI's 9216-GPU MoE workload laid out as its header says, algorithms chosen by cost. */
  static TextReplay simaisMoe() {
    return TextReplay.of(TraceFiles.text("simai/workload_analytical.txt", TextDialect.SIMAI),
        new TextReplay.Options(OptionalInt.empty(), TextDialect.TICK_PICOS, OptionalInt.empty(),
            AlgorithmChoice.AUTO, 1));
  }

  static long count(OperationGraph g, Class<? extends Operation> kind) {
    return g.operations().stream().filter(kind::isInstance).count();
  }

  /**
   * Rank 0 of each file on 16 ranks (4 per first dimension): compute operations are 3 per layer
   * less what the walk skips (DATA: layer 0's input gradient; DLRM: layer 0's; plus recomputed
   * forwards), collectives are the non-NONE types the walk issues over groups of 2 or more ranks,
   * and each collective of a layer with an update time is followed by its update wait.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // path, dialect, layers, compute, collectives: derivation
    "astra-sim-text/Resnet50_DataParallel.txt, ASTRA_SIM, 54, 161, 54", // 54 wg all-reduces
    "astra-sim-text/compute-scaled/Resnet50_DataParallel_ns.txt, ASTRA_SIM, 54, 161, 54",
    "astra-sim-text/Transformer_HybridParallel.txt, ASTRA_SIM, 57, 171, 70", // 8 AG + 62 AR
    "astra-sim-text/compute-scaled/Transformer_HDM_ns.txt, ASTRA_SIM, 57, 171, 70",
    "astra-sim-text/compute-scaled/Transformer_HDM_us.txt, ASTRA_SIM, 57, 171, 70",
    // 25 all-reduces, and the forwards of layers 2..9 and 11..18 again: 4 more all-reduces
    "astra-sim-text/Transformer_HybridParallel_Fwd_In_Bckwd.txt, ASTRA_SIM, 21, 79, 29",
    "astra-sim-text/MLP_HybridParallel_Data_Model.txt, ASTRA_SIM, 6, 18, 17", // 18 less layer 0 ig
    "astra-sim-text/MLP_HybridParallel_Model_Data.txt, ASTRA_SIM, 6, 18, 17",
    "astra-sim-text/MLP_ModelParallel.txt, ASTRA_SIM, 6, 18, 11", // 6 fwd + 5 ig, no wg
    // 2 + 3 + 1 + 2 + 2 + 3 by each layer's own policy (HDM, HMD, DATA, MODEL, MODEL, HMD)
    "astra-sim-text/sample_per_layer_parallel_HybridCustomized.txt, ASTRA_SIM, 6, 18, 13",
    // embedding all-to-all forward and input gradient + 7 weight-gradient all-reduces
    "astra-sim-text/DLRM_HybridParallel.txt, ASTRA_SIM, 8, 23, 9",
    "astra-sim-text/microAllReduce.txt, ASTRA_SIM, 1, 0, 1", // MICRO: the collective only
    "astra-sim-text/microAllToAll.txt, ASTRA_SIM, 1, 0, 1",
    "aicb/G13B-M1-C01_GPT13B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 92, 276, 173", // no BROADCAST
    "aicb/G13B-M1-C02_GPT13B_megatron_tp8_pp1_mbs1_sp_A100.txt, SIMAI, 172, 516, 333",
    "aicb/G175B-M1-C03_GPT175B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 33, 99, 33",
    "aicb/L65B-M1-C05_Llama65B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 33, 99, 33",
    // ZeRO-3 with a model-parallel group of 1: the all-gathers span one rank; one reduce-scatter
    "aicb/L65B_D1_C08_Llama65B_deepspeed_zero3_A100.txt, SIMAI, 12, 36, 1",
    "aicb/L7B-D1-C02_Llama7B_deepspeed_zero3_A100.txt, SIMAI, 12, 36, 1",
    "aicb/L7B-M1-C04_Llama7B_megatron_tp2_pp1_mbs1_A100.txt, SIMAI, 76, 228, 141",
    "simai/microAllReduce.txt, SIMAI, 2, 6, 2", // 8 ranks by its header
  })
  void eachFileBecomesThePassItsToolRuns(
      String path, TextDialect dialect, int layers, int compute, int collectives) {
    TraceGraphs trace = replay(path, dialect, 16, 4);
    OperationGraph rank0 = trace.graphs().get(0);

    assertEquals(layers, TraceFiles.text(path, dialect).layerCount());
    assertEquals(compute, count(rank0, Operation.Measured.class), "compute operations");
    assertEquals(collectives, count(rank0, Operation.Collective.class), "collectives");
    assertEquals(collectives, count(rank0, Operation.Delay.class), "one update wait each");
    assertEquals(compute + 2L * collectives, rank0.size());
    for (OperationGraph g : trace.graphs()) {
      assertTrue(g.sharesIndexWith(rank0), "every rank has rank 0's dependencies");
    }
  }

  @Test
  void simaisLargeMoeWorkloadGroupsItsRanksAsMockNcclDoes() {
    // Given SimAI's 9216-GPU MoE workload: TP 2, EP 16, PP 12, so DP = 9216 / 24 = 384 and
    // DP_EP = 384 / 16 = 24. Rank 0 alone (all 9216 would not fit a unit test).
    TextReplay replay = simaisMoe();
    OperationGraph rank0 = replay.graph(0);

    // Then 1789 layers x 3 compute operations and the 3540 non-NONE types less the 216 of 0 bytes.
    assertEquals(9216, replay.ranks());
    assertEquals(5367, count(rank0, Operation.Measured.class));
    assertEquals(3324, count(rank0, Operation.Collective.class));
    // grad_gather's weight-gradient ALLGATHER spans DP: ranks 24 apart.
    assertEquals(IntStream.range(0, 384).map(i -> 24 * i).boxed().toList(),
        collective(rank0, "grad_gather wg all-gather").group());
    // moe_grad_norm1's ALLGATHER_DP_EP: the same TP position in TP groups ep = 16 apart.
    assertEquals(IntStream.range(0, 24).map(i -> 32 * i).boxed().toList(),
        collective(rank0, "moe_grad_norm1 wg all-gather").group());
    // The first ALLTOALL_EP: 16 consecutive TP groups, TP position 0: ranks 0, 2, .., 30.
    assertEquals(IntStream.range(0, 16).map(i -> 2 * i).boxed().toList(),
        rank0.operations().stream().filter(op -> op instanceof Operation.Collective c
            && c.kind() == CollectiveKind.ALL_TO_ALL && c.group().size() == 16)
            .map(op -> ((Operation.Collective) op).group()).findFirst().orElseThrow());
    // SimAI's sizes are NCCL's: the all-gather's 2807758848 B are its result.
    assertEquals(2_807_758_848L, collective(rank0, "grad_gather wg all-gather").bytes());
  }

  @Test
  void astraSimGroupsFollowThePolicysDimensions() {
    // HYBRID_TRANSFORMER with model_parallel_NPU_group 4 on 16 ranks: rank 5's forward and
    // input-gradient collectives span ranks 4..7, its weight-gradient ones ranks 1, 5, 9, 13; an
    // ALLGATHER's size is each rank's part (ASTRA-sim's ring), so the result is 4 times it.
    OperationGraph rank5 =
        replay("astra-sim-text/Transformer_HybridParallel.txt", TextDialect.ASTRA_SIM, 16, 1)
            .graphs().get(5);
    Operation.Collective embedding = collective(rank5, "Embedding fwd all-gather");
    assertEquals(List.of(4, 5, 6, 7), embedding.group());
    assertEquals(8_388_608L * 4, embedding.bytes());
    assertEquals(List.of(1, 5, 9, 13), collective(rank5, "Q1 wg all-reduce").group());

    // HYBRID_MODEL_DATA with 4 ranks in the first dimension: model parallel across dimensions,
    // data parallel within the first, the other way round from HYBRID_DATA_MODEL.
    OperationGraph md =
        replay("astra-sim-text/MLP_HybridParallel_Model_Data.txt", TextDialect.ASTRA_SIM, 16, 4)
            .graphs().get(5);
    assertEquals(List.of(1, 5, 9, 13), collective(md, "layer_64_2_mlp0 fwd all-gather").group());
    assertEquals(List.of(4, 5, 6, 7), collective(md, "layer_64_2_mlp0 wg all-reduce").group());
  }

  @Test
  void dataParallelismOverlapsEachAllReduceWithTheLayersBelow() {
    // Given ResNet-50 data parallel: the backward pass runs, from the last layer, weight gradient,
    // its all-reduce (then the layer's update time: fc1000's is 922 ticks of 1 ns), input
    // gradient.
    OperationGraph g =
        replay("astra-sim-text/compute-scaled/Resnet50_DataParallel_ns.txt", TextDialect.ASTRA_SIM,
            4, 1).graphs().get(0);
    // 54 forwards (ids 0..53); then fc1000 wg (54), its all-reduce (55) after it, the update
    // wait (56) after that, fc1000 ig (57) after the wg: the all-reduce runs beside it.
    assertEquals("fc1000 wg", g.get(54).name());
    assertEquals(List.of(54), g.get(55).dependencies());
    assertEquals(new Operation.Delay(56, List.of(55), "fc1000 wg update", 922_000),
        g.get(56));
    assertEquals("fc1000 ig", g.get(57).name());
    assertEquals(List.of(54), g.get(57).dependencies());
    assertEquals(List.of(57), g.get(58).dependencies(), "the next wg waits for the ig only");
  }

  @Test
  void identicalWorkIsHeldOnceAcrossRanks() {
    // Given the Transformer on 64 ranks (TP 4: 16 tensor groups; DP: 4 groups of 16 ranks).
    TraceGraphs trace =
        replay("astra-sim-text/Transformer_HybridParallel.txt", TextDialect.ASTRA_SIM, 64, 1);
    OperationGraph rank0 = trace.graphs().get(0);
    long tp = rank0.operations().stream().filter(op -> op instanceof Operation.Collective c
        && c.group().size() == 4).count();
    long dp = count(rank0, Operation.Collective.class) - tp;

    // Then a compute or update operation is one object for all 64 ranks, a collective one object
    // per group it is issued in: 171 + 70 shared, 16 per TP collective and 4 per DP collective.
    IdentityHashMap<Operation, Boolean> distinct = new IdentityHashMap<>();
    for (OperationGraph g : trace.graphs()) {
      g.operations().forEach(op -> distinct.put(op, true));
      assertTrue(g.sharesIndexWith(rank0));
    }
    assertSame(rank0.get(0), trace.graphs().get(63).get(0));
    assertEquals(171 + 70 + 16 * tp + 4 * dp, distinct.size());
    assertEquals(311L * 64, trace.graphs().stream().mapToLong(OperationGraph::size).sum());
  }

  static Operation.Collective collective(OperationGraph g, String name) {
    return g.operations().stream().filter(op -> op.name().equals(name))
        .map(Operation.Collective.class::cast).findFirst().orElseThrow();
  }
}
