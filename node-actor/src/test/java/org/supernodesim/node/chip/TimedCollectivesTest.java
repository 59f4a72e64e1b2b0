package org.supernodesim.node.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.node.engine.Context;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * A chip of a training step on its own: collectives of two groups overlap each other and the
 * compute, a receive waits for its message, and the time split adds up.
 */
class TimedCollectivesTest {
  private static final long MS = 1_000_000_000L;
  private static final ChipSpec CHIP = new ChipSpec("round", "1 GB/s of HBM", Map.of(
      ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
      ChipFigure.HBM_BANDWIDTH, new Figure.Known(1e9, Confidence.ESTIMATED, "test")));

  /** Runs what a process schedules for itself, in time order; sends are kept. */
  private static final class Loop implements Context {
    final List<Object[]> pending = new ArrayList<>();
    final List<Object> sent = new ArrayList<>();
    long now;

    @Override
    public long nowPicos() {
      return now;
    }

    @Override
    public int selfId() {
      return 0;
    }

    @Override
    public void send(int targetId, long delayPicos, Object payload) {
      sent.add(payload);
    }

    @Override
    public void schedule(long delayPicos, Object payload) {
      pending.add(new Object[] {now + delayPicos, payload});
    }

    Object[] next() {
      pending.sort((a, b) -> Long.compare((long) a[0], (long) b[0]));
      return pending.remove(0);
    }
  }

  @Test
  void twoGroupsOverlapAndTheTimeSplitAddsUp() {
    // Given: 0 = 1 ms of elementwise kernels (1 MB at 1 GB/s); 1 and 2 = collectives of two groups
    // timed 2 ms and 3 ms; 3 = a receive from rank 5; 4 = 1 ms of kernels after 0 and 3; 5 = a
    // send after 4.
    List<Operation> ops = List.of(
        new Operation.Kernels(0, List.of(), "a", List.of(Kernel.elementwise(1e6))),
        new Operation.Collective(1, List.of(), "tp", 0, CollectiveKind.ALL_REDUCE,
            List.of(0, 1), 1, AlgorithmChoice.RING),
        new Operation.Collective(2, List.of(), "dp", 1, CollectiveKind.ALL_REDUCE,
            List.of(0, 8), 1, AlgorithmChoice.RING),
        new Operation.Recv(3, List.of(), "recv", 5, 7),
        new Operation.Kernels(4, List.of(0, 3), "b", List.of(Kernel.elementwise(1e6))),
        new Operation.Send(5, List.of(4), "send", 5, 100, 9));
    Transport transport = new Transport() {
      @Override
      public void send(Context c, int source, int destination,
          org.supernodesim.interconnect.collective.Step.Transfer transfer, ChipProcess.Event e) {
        c.send(destination, 1, e);
      }

      @Override
      public org.supernodesim.interconnect.collective.Collectives collectives() {
        throw new UnsupportedOperationException("collectives are timed in this test");
      }

      @Override
      public long lookaheadPicos() {
        return 1;
      }
    };
    CollectiveTiming timing = c -> c.group().contains(1) ? 2 * MS : 3 * MS;
    ChipProcess chip = new ChipProcess(0, new OperationGraph(0, ops), new ComputeCostModel(CHIP),
        transport, timing);
    Loop loop = new Loop();

    // When it starts, and rank 5's message arrives at 4 ms.
    chip.start(loop);
    loop.pending.add(new Object[] {4 * MS, new ChipProcess.MessageArrived(5, 7)});
    while (!loop.pending.isEmpty()) {
      Object[] e = loop.next();
      loop.now = (long) e[0];
      chip.handle((ChipProcess.Event) e[1], loop);
    }

    // Then both collectives ran at once (done by 3 ms), b ran 4-5 ms and the send left at 5 ms.
    assertTrue(chip.finished(), "every operation ran");
    assertEquals(5 * MS, chip.finishedAtPicos(), "the send left when b finished");
    assertEquals(1, loop.sent.size(), "one message to rank 5");
    TimeSplit split = chip.timeSplit();
    assertEquals(2 * MS, split.computePicos(), "a and b");
    assertEquals(2 * MS, split.exposedCommunicationPicos(), "1-3 ms: communicating, not computing");
    assertEquals(3 * MS, split.communicationPicos(), "0-3 ms: some collective running");
    assertEquals(1 * MS, split.idlePicos(5 * MS), "3-4 ms: waiting for the message");
  }
}
