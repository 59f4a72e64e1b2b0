package org.supernodesim.node.chip;

import java.util.List;
import java.util.Map;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.network.FlowNetwork;
import org.supernodesim.interconnect.network.Sharing;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.fabric.FabricProcess;
import org.supernodesim.results.NetworkResult;

/**
 * Transfers over the flow-level model: each is a request to the fabric process (process id =
 * number of chips), which shares links among all transfers in flight by max-min fairness and
 * tells the destination when the last byte is in. A chip's port needs no serialising here: its
 * transfers share its injection links like any others.
 */
public final class FlowTransport implements Transport {
  private final Collectives collectives;
  private final FabricProcess fabric;
  private final int fabricId;
  private final long lookaheadPicos;
  private final int chips;

  public FlowTransport(Router router) {
    this(router, null);
  }

  /**
   * A flow transport among the processes of some chips only: {@code processOfRank} names the
   * process simulating each rank (-1: none), the fabric being the process after the last.
   */
  public FlowTransport(Router router, int[] processOfRank) {
    long shortest = new AnalyticalNetwork(router).minimumLatencyPicos();
    if (shortest < 2) {
      throw new IllegalArgumentException(
          "the flow model needs links with latency: the shortest route takes " + shortest + " ps");
    }
    this.lookaheadPicos = shortest / 2;
    this.collectives = new Collectives(router);
    int chips = router.topology().chips();
    if (processOfRank == null) {
      this.fabric =
          new FabricProcess(new FlowNetwork(router, 2 * lookaheadPicos), lookaheadPicos);
      this.fabricId = chips;
    } else {
      this.fabric = new FabricProcess(
          new FlowNetwork(router, 2 * lookaheadPicos), lookaheadPicos, rank -> {
            if (processOfRank[rank] < 0) {
              throw new IllegalStateException("a transfer to rank " + rank + ", not simulated");
            }
            return processOfRank[rank];
          });
      this.fabricId = (int) java.util.Arrays.stream(processOfRank).filter(p -> p >= 0).count();
    }
    this.chips = chips;
  }

  @Override
  public void send(
      Context context, int source, int destination, Step.Transfer transfer,
      ChipProcess.Event arrival) {
    context.send(
        fabricId,
        lookaheadPicos + transfer.setupPicos(),
        new FabricProcess.StartTransfer(
            source, destination, transfer.bytes(),
            Sharing.of(
                transfer.efficiency(), transfer.multicastCopy(), transfer.destinationPortShare()),
            arrival));
  }

  @Override
  public Collectives collectives() {
    return collectives;
  }

  @Override
  public long lookaheadPicos() {
    return lookaheadPicos;
  }

  @Override
  public List<LogicalProcess<?>> processes() {
    return List.of(fabric);
  }

  @Override
  public Map<String, Long> bytesPerTier() {
    return fabric.network().bytesPerTier();
  }

  @Override
  public List<NetworkResult.LinkLoad> busiestLinks(int limit) {
    return fabric.network().busiestLinks(limit).stream()
        .map(u -> new NetworkResult.LinkLoad(
            vertex(u.link().from(), chips) + " -> " + vertex(u.link().to(), chips),
            u.link().tier(), u.utilisation(), u.bytes(), u.busyPicos()))
        .toList();
  }

  /** A vertex as a person reads it: chips by rank, switches numbered from 0 after them. */
  static String vertex(int v, int chips) {
    return v < chips ? "chip " + v : "switch " + (v - chips);
  }
}
