package org.supernodesim.node.chip;

import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.node.engine.Context;

/** Transfers over the alpha-beta model: the arrival is sent straight to the peer chip. */
public final class AnalyticalTransport implements Transport {
  private final AnalyticalNetwork network;

  public AnalyticalTransport(AnalyticalNetwork network) {
    this.network = network;
  }

  @Override
  public void send(
      Context context, int source, int destination, long bytes, ChipProcess.Event arrival) {
    // Chips are processes 0..n-1 in rank order, so a rank is its process id.
    context.send(destination, network.transferPicos(source, destination, bytes), arrival);
  }

  @Override
  public long lookaheadPicos() {
    return network.minimumLatencyPicos();
  }
}
