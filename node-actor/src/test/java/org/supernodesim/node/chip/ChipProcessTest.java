package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.fabric.LinkSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.RecordingContext;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/** A chip process on its own: events in, a recording context, what it sent and scheduled out. */
class ChipProcessTest {
  private static final ChipSpec CHIP =
      new ChipSpec(
          "test-chip",
          "a chip of round numbers",
          Map.of(
              ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
              ChipFigure.HBM_BANDWIDTH, new Figure.Known(1e12, Confidence.ESTIMATED, "test")));

  private static final Collectives COLLECTIVES =
      new Collectives(new Router(Topology.singleSwitch(2, new LinkSpec(1e12, 1_000_000))));

  /** Sends straight to the peer with a fixed delay: 1 us + 1 ps per byte. */
  private static final Transport FIXED =
      new Transport() {
        @Override
        public void send(
            Context context, int source, int destination, Step.Transfer transfer,
            ChipProcess.Event arrival) {
          context.send(destination, 1_000_000 + transfer.bytes(), arrival);
        }

        @Override
        public Collectives collectives() {
          return COLLECTIVES;
        }

        @Override
        public long lookaheadPicos() {
          return 1_000_000;
        }
      };

  @Test
  void computeAndCollectiveOverlapWhereTheGraphAllows() {
    // Given: 0 = compute of 1e12 flops (1 ms at 1 PFLOPS); 1 = all-reduce of 2 ranks after
    // nothing; 2 = compute after 0.
    OperationGraph graph =
        new OperationGraph(
            0,
            List.of(
                new Operation.Compute(0, List.of(), "gemm", 1e12, 0, Precision.BF16),
                new Operation.Collective(
                    1, List.of(), "ar", 7, CollectiveKind.ALL_REDUCE, List.of(0, 1), 1000, AlgorithmChoice.RING),
                new Operation.Compute(2, List.of(0), "gemm2", 1e12, 0, Precision.BF16)));
    ChipProcess chip = new ChipProcess(0, graph, new ComputeCostModel(CHIP), FIXED);
    RecordingContext ctx = new RecordingContext();

    // When it starts.
    chip.start(ctx);

    // Then the compute is scheduled for 1 ms and, at the same instant, the ring's first step sends
    // half the buffer to rank 1: the two streams overlap.
    assertEquals(1, ctx.scheduled.size());
    assertEquals(1_000_000_000L, ctx.scheduled.get(0).delayPicos(), "1e12 flops at 1e15 flop/s");
    assertEquals(1, ctx.sent.size());
    assertEquals(1, ctx.sent.get(0).target());
    assertEquals(1_000_000 + 500, ctx.sent.get(0).delayPicos(), "1 us + 500 B at 1 ps/B");
    assertEquals(new ChipProcess.ChunkArrived(7, 0), ctx.sent.get(0).payload());

    // When rank 1's first chunk arrives, the second (all-gather) step starts; after its chunk the
    // collective is done.
    ctx.nowPicos = 1_000_500;
    chip.handle(new ChipProcess.ChunkArrived(7, 0), ctx);
    assertEquals(2, ctx.sent.size());
    assertEquals(new ChipProcess.ChunkArrived(7, 1), ctx.sent.get(1).payload());
    ctx.nowPicos = 2_001_000;
    chip.handle(new ChipProcess.ChunkArrived(7, 1), ctx);
    assertEquals(1, chip.collectiveSpans().size());
    assertEquals(0, chip.collectiveSpans().get(0).startedAtPicos());
    assertEquals(2_001_000, chip.collectiveSpans().get(0).finishedAtPicos());
  }

  @Test
  void anArrivalForACollectiveNotYetStartedIsKept() {
    // Given two all-reduces in a row; the peer is ahead and its chunk of the second arrives first.
    OperationGraph graph =
        new OperationGraph(
            0,
            List.of(
                new Operation.Collective(
                    0, List.of(), "a", 1, CollectiveKind.ALL_REDUCE, List.of(0, 1), 10, AlgorithmChoice.RING),
                new Operation.Collective(
                    1, List.of(0), "b", 2, CollectiveKind.ALL_REDUCE, List.of(0, 1), 10, AlgorithmChoice.RING)));
    ChipProcess chip = new ChipProcess(0, graph, new ComputeCostModel(CHIP), FIXED);
    RecordingContext ctx = new RecordingContext();
    chip.start(ctx);
    chip.handle(new ChipProcess.ChunkArrived(2, 0), ctx);

    // When the first collective's two chunks arrive.
    chip.handle(new ChipProcess.ChunkArrived(1, 0), ctx);
    chip.handle(new ChipProcess.ChunkArrived(1, 1), ctx);

    // Then the second starts with its first step already received: it sends step 0 and step 1.
    List<Object> payloads = ctx.sent.stream().map(RecordingContext.Sent::payload).toList();
    assertTrue(payloads.contains(new ChipProcess.ChunkArrived(2, 1)), payloads.toString());
  }

  @Test
  void everyEventKindHasAHandler() {
    // The dispatcher is a chain of instanceof: a new event type must get its line. ChunkArrived
    // and ComputeFinished are run here; MessageArrived and TimedCollectiveFinished in
    // TimedCollectivesTest.
    assertEquals(4, ChipProcess.Event.class.getPermittedSubclasses().length);
  }
}
