package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/** Runs one list of operations per chip, collectives step by step, to the last chip's end. */
final class OneShot {
  /** A chip whose compute these network tests never use. */
  static final ChipSpec CHIP = new ChipSpec("nic", "a chip whose compute is not used",
      Map.of(ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
          ChipFigure.HBM_BANDWIDTH, new Figure.Known(1e12, Confidence.ESTIMATED, "test")));

  private OneShot() {}

  /** Chip r runs {@code graphs.get(r)} through {@code transport}; when the last one finished. */
  static long run(Transport transport, List<List<Operation>> graphs) {
    ComputeCostModel costs = new ComputeCostModel(CHIP);
    List<ChipProcess> chips = new ArrayList<>();
    for (int rank = 0; rank < graphs.size(); rank++) {
      chips.add(new ChipProcess(rank, new OperationGraph(rank, graphs.get(rank)), costs,
          transport, c -> CollectiveTiming.STEPS, RankView.IDENTITY));
    }
    List<LogicalProcess<?>> processes = new ArrayList<>(chips);
    processes.addAll(transport.processes());
    new SequentialRuntime().run(new Simulation(processes, transport.lookaheadPicos()));
    long end = 0;
    for (ChipProcess c : chips) {
      assertEquals(true, c.finished(), "chip " + c.rank() + " finished");
      end = Math.max(end, c.finishedAtPicos());
    }
    return end;
  }
}
