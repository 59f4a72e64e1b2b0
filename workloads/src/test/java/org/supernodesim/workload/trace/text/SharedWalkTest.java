package org.supernodesim.workload.trace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.TraceFiles;

/**
 * The shared walk is every rank's own graph: rank 0's operations with each group translated are
 * rank r's, operation for operation, but for the collective ids (rank 0's, see {@link
 * SharedWalk}).
 */
class SharedWalkTest {

  @ParameterizedTest(name = "{0} on {2} ranks")
  @CsvSource({
    "astra-sim-text/Transformer_HybridParallel.txt, ASTRA_SIM, 16, 1",
    "astra-sim-text/MLP_HybridParallel_Data_Model.txt, ASTRA_SIM, 16, 4",
    "astra-sim-text/sample_per_layer_parallel_HybridCustomized.txt, ASTRA_SIM, 16, 4",
    "astra-sim-text/DLRM_HybridParallel.txt, ASTRA_SIM, 8, 1",
    "aicb/G13B-M1-C01_GPT13B_megatron_tp8_pp1_mbs1_A100.txt, SIMAI, 16, 1",
  })
  void everyRanksGraphIsTheSharedWalkThroughItsGroups(
      String path, TextDialect dialect, int ranks, int local) {
    TextReplay replay = TextReplay.of(TraceFiles.text(path, dialect),
        TextReplay.Options.of(ranks).withLocalRanks(local));
    SharedWalk shared = replay.sharedWalk();
    assertEquals(ranks, shared.ranks());
    for (int r = 0; r < ranks; r++) {
      assertTranslates(shared, replay.graph(r));
    }
  }

  @Test
  void theNineThousandRankMoeWalksAsRankZeroThroughItsGroups() {
    // SimAI's MoE workload (TP 2, EP 16, PP 12 on 9216): ranks at every position of each group
    // kind (TP, DP, EP and DP_EP neighbours and the last rank) are rank 0's walk translated.
    TextReplay replay = TextWorkloadTest.simaisMoe();
    SharedWalk shared = replay.sharedWalk();
    assertEquals(9216, shared.ranks());
    for (int r : new int[] {1, 2, 24, 31, 32, 513, 4607, 9215}) {
      assertTranslates(shared, replay.graph(r));
    }
  }

  private static void assertTranslates(SharedWalk shared, OperationGraph own) {
    OperationGraph walk = shared.graph();
    assertEquals(own.size(), walk.size(), "rank " + own.rank());
    for (int id = 0; id < own.size(); id++) {
      Operation mine = own.get(id);
      Operation expected = walk.get(id);
      if (expected instanceof Operation.Collective c) {
        List<Integer> group = shared.group(c.group(), own.rank());
        expected = new Operation.Collective(c.id(), c.dependencies(), c.name(),
            ((Operation.Collective) mine).collectiveId(), c.kind(), group, c.bytes(),
            c.algorithm(), c.sourceBytes());
        assertSame(group, shared.group(c.group(), own.rank()), "looked up, not rebuilt");
      }
      assertEquals(mine, expected, "rank " + own.rank() + ", operation " + id);
    }
  }
}
