package org.supernodesim.node.chip;

import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.node.engine.Context;

/** Transfers over the alpha-beta model: the arrival is sent straight to the peer chip. */
public final class AnalyticalTransport implements Transport {
  private final AnalyticalNetwork network;
  // Per source chip: its last destination and the route there.
  // Collectives send to the same peer step after step; this spares the router's map on every
  // transfer. Each chip touches only its own slot, so runtimes on several threads do not race.
  private final int[] lastDestination;
  private final Route[] lastRoute;

  public AnalyticalTransport(AnalyticalNetwork network, int chips) {
    this.network = network;
    this.lastDestination = new int[chips];
    java.util.Arrays.fill(lastDestination, -1);
    this.lastRoute = new Route[chips];
  }

  @Override
  public void send(
      Context context, int source, int destination, long bytes, ChipProcess.Event arrival) {
    if (lastDestination[source] != destination) {
      lastRoute[source] = network.route(source, destination);
      lastDestination[source] = destination;
    }
    // Chips are processes 0..n-1 in rank order, so a rank is its process id.
    context.send(destination, AnalyticalNetwork.transferPicos(lastRoute[source], bytes), arrival);
  }

  @Override
  public long lookaheadPicos() {
    return network.minimumLatencyPicos();
  }
}
