package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.graph.Operation;

/**
 * MoE dispatch and combine with per-rank token counts, run step by step as at the chip fidelity:
 * four chips on one switch, expert rank 0 carrying twice the mean (loads 2, 0.5, 0.75, 0.75).
 * Dispatch: every rank sends each expert rank its share of what that rank receives, so rank 0's
 * ejection link carries 3 flows of 2S/4; combine: rank 0 sends its 2S back over its injection
 * link. On the flow model each takes the busiest rank's closed form (n-1)/n x S_max / B + 2 hops;
 * the analytical model serialises a chip's sends only, so its dispatch is the busiest sender's.
 */
class UnevenExpertAllToAllTest {
  private static final double BYTES_PER_SECOND = 50e9;
  private static final long HOP_PICOS = 1_000_000;
  private static final long MEAN = 1L << 30;
  private static final List<Long> LOADED =
      List.of(2 * MEAN, MEAN / 2, 3 * MEAN / 4, 3 * MEAN / 4);

  @Test
  void theBusiestExpertRankSetsDispatchAndCombineOnTheFlowModel() {
    long busiest = Math.round(3.0 / 4 * 2 * MEAN / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    assertEquals(busiest, run(true, false), 8, "dispatch: rank 0's ejection link, 3 x 2S/4 at B");
    assertEquals(busiest, run(true, true), 8, "combine: rank 0's injection link, 3 x 2S/4 at B");
    long even = Math.round(3.0 / 4 * MEAN / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    assertEquals(even, runEven(), 8, "the same tokens spread evenly: (n-1)/n x S / B");
  }

  /**
   * The analytical model's ports serialise sends, not receives: dispatch ends with the busiest
   * sender, rank 1 (load 0.5), which sends (4S - S/2)/4 = 7S/8; combine with rank 0's 3/4 x 2S.
   */
  @Test
  void theAnalyticalModelPricesTheBusiestSenderOnly() {
    long dispatch = Math.round(7.0 / 8 * MEAN / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    assertEquals(dispatch, run(false, false), 8, "dispatch: the busiest sender's port");
    long combine = Math.round(3.0 / 4 * 2 * MEAN / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    assertEquals(combine, run(false, true), 8, "combine: rank 0's port");
  }

  private static long run(boolean flow, boolean combine) {
    return run(flow, new Operation.Collective(0, List.of(), combine ? "combine" : "dispatch", 0,
        CollectiveKind.ALL_TO_ALL, List.of(0, 1, 2, 3), MEAN, AlgorithmChoice.AUTO,
        combine ? LOADED : List.of(), combine ? List.of() : LOADED));
  }

  private static long runEven() {
    return run(true, new Operation.Collective(0, List.of(), "dispatch", 0,
        CollectiveKind.ALL_TO_ALL, List.of(0, 1, 2, 3), MEAN, AlgorithmChoice.AUTO));
  }

  /** When the last of the four chips finished the one collective. */
  private static long run(boolean flow, Operation.Collective c) {
    Router router =
        new Router(Topology.singleSwitch(4, new LinkSpec(BYTES_PER_SECOND, HOP_PICOS)));
    Transport transport = flow ? new FlowTransport(router) : new AnalyticalTransport(router);
    return OneShot.run(transport, List.of(List.of(c), List.of(c), List.of(c), List.of(c)));
  }
}
