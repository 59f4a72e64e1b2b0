package org.supernodesim.node.chip;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.node.engine.Context;

/**
 * Transfers over the alpha-beta model, the arrival sent straight to the peer chip: latency plus
 * bytes over the pair's striped bandwidth. Transfers do not slow each other in the fabric, but a
 * chip's own port does serialise them: a transfer leaves once the chip's earlier transfers on the
 * same port have left, so an all-to-all costs (n-1)/n S/B and not S/(nB), however many peers a
 * chip has. A port is the first link of the route: one per chip on a switch or a Clos (its planes
 * merged), one per peer on a full mesh, whose links then carry transfers side by side.
 */
public final class AnalyticalTransport implements Transport {
  private final Router router;
  private final AnalyticalNetwork network;
  private final Collectives collectives;
  private final String[] tiers;
  // Per link leaving a chip: when that port is free. Each chip touches only its own links, so
  // runtimes on several threads do not race.
  private final long[] portFreeAtPicos;
  // Per source chip: when its last uncopied send left and how long it took, for multicast copies.
  private final long[] lastLeftAtPicos;
  private final long[] lastSerializationPicos;
  // Per source chip and tier: bytes that crossed links of the tier, once per link.
  private final long[][] tierBytes;

  public AnalyticalTransport(Router router) {
    this.router = router;
    this.network = new AnalyticalNetwork(router);
    this.collectives = new Collectives(router);
    this.tiers =
        router.topology().links().stream().map(l -> l.tier()).distinct().sorted()
            .toArray(String[]::new);
    int chips = router.topology().chips();
    this.portFreeAtPicos = new long[router.topology().links().size()];
    this.lastLeftAtPicos = new long[chips];
    this.lastSerializationPicos = new long[chips];
    this.tierBytes = new long[chips][tiers.length];
  }

  @Override
  public void send(
      Context context, int source, int destination, Step.Transfer transfer,
      ChipProcess.Event arrival) {
    long now = context.nowPicos();
    var route = router.route(source, destination);
    long serialization =
        LinkSpec.serializationPicos(
            transfer.bytes(),
            router.pairBytesPerSecond(source, destination) * transfer.efficiency());
    long leaves;
    if (transfer.multicastCopy()) {
      leaves = lastLeftAtPicos[source];
      serialization = lastSerializationPicos[source];
    } else {
      int port = route.links().get(0).index();
      leaves = Math.max(now + transfer.setupPicos(), portFreeAtPicos[port]);
      portFreeAtPicos[port] = leaves + serialization;
      lastLeftAtPicos[source] = leaves;
      lastSerializationPicos[source] = serialization;
    }
    for (var link : route.links()) {
      tierBytes[source][Arrays.binarySearch(tiers, link.tier())] += transfer.bytes();
    }
    // Chips are processes 0..n-1 in rank order, so a rank is its process id.
    context.send(destination, leaves - now + serialization + route.latencyPicos(), arrival);
  }

  @Override
  public Map<String, Long> bytesPerTier() {
    Map<String, Long> bytes = new TreeMap<>();
    for (long[] perChip : tierBytes) {
      for (int t = 0; t < tiers.length; t++) {
        if (perChip[t] > 0) {
          bytes.merge(tiers[t], perChip[t], Long::sum);
        }
      }
    }
    return bytes;
  }

  @Override
  public Collectives collectives() {
    return collectives;
  }

  @Override
  public long lookaheadPicos() {
    return network.minimumLatencyPicos();
  }
}
