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
 * An expert all-to-all and a gradient reduce-scatter of two different groups that share chip 0's
 * one NIC, run step by step on group streams (as at the chip fidelity) through the flow model.
 */
class SharedNicTest {
  private static final double BYTES_PER_SECOND = 50e9; // a 400 Gb/s NIC
  private static final long HOP_PICOS = 1_000_000; // 1 us per link
  private static final long BYTES = 1L << 30;

  /**
   * Chips 0, 1, 2 on one switch. Chip 0 runs an all-to-all with chip 1 (direct: S/2 each way) and
   * a ring reduce-scatter with chip 2 (one step: S/2 each way) at once. Chip 0's injection link
   * carries two flows, and so does its ejection link: max-min gives each B/2, so both take the
   * two-flow closed form 2 x (S/2) / B + 2 hops = S/B + 2 us; alone each would take
   * (S/2)/B + 2 us. To the picosecond but for rounding of each byte count to whole picoseconds.
   */
  @Test
  void anExpertAllToAllAndAReduceScatterOnOneNicTakeTheTwoFlowClosedForm() {
    long shared = run(true);
    long alone = run(false);
    double s = BYTES;
    long twoFlows = Math.round(s / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    long oneFlow = Math.round(s / 2 / BYTES_PER_SECOND * 1e12) + 2 * HOP_PICOS;
    assertEquals(twoFlows, shared, 4, "two flows share chip 0's NIC: each at B/2");
    assertEquals(oneFlow, alone, 4, "the all-to-all alone: B");
  }

  /** When the last chip finished; {@code both}: the reduce-scatter runs beside the all-to-all. */
  private static long run(boolean both) {
    Router router =
        new Router(Topology.singleSwitch(3, new LinkSpec(BYTES_PER_SECOND, HOP_PICOS)));
    FlowTransport transport = new FlowTransport(router);
    Operation.Collective allToAll = new Operation.Collective(0, List.of(), "expert all-to-all",
        0, CollectiveKind.ALL_TO_ALL, List.of(0, 1), BYTES, AlgorithmChoice.AUTO);
    Operation.Collective reduceScatter = new Operation.Collective(1, List.of(),
        "gradient reduce-scatter", 1, CollectiveKind.REDUCE_SCATTER, List.of(0, 2), BYTES,
        AlgorithmChoice.RING);
    List<List<Operation>> graphs = List.of(
        both ? List.of(allToAll, reduceScatter) : List.of(allToAll),
        List.of(allToAll),
        both ? List.of(new Operation.Collective(0, List.of(), "gradient reduce-scatter", 1,
            CollectiveKind.REDUCE_SCATTER, List.of(0, 2), BYTES, AlgorithmChoice.RING))
            : List.of());
    return OneShot.run(transport, graphs);
  }
}
