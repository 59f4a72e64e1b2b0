package org.supernodesim.node.chip;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
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
  // The tier index of each link, so a send need not search the tier names.
  private final int[] tierOfLink;
  // Per source chip: its last destination and what a send there needs of the route, in flat
  // arrays (its port, latency, the tier of each link crossed) and the pair's bandwidth.
  // Collectives send to the same peers step after step; this spares the router and the route's
  // list of links on every transfer. Each chip touches only its own slot, so runtimes on several
  // threads do not race.
  private final int[] lastDestination;
  private final int[] lastPort;
  private final long[] lastLatencyPicos;
  private final int[][] lastTiers;
  private final double[] lastBytesPerSecond;

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
    this.tierOfLink = new int[router.topology().links().size()];
    for (var link : router.topology().links()) {
      tierOfLink[link.index()] = Arrays.binarySearch(tiers, link.tier());
    }
    this.lastDestination = new int[chips];
    Arrays.fill(lastDestination, -1);
    this.lastPort = new int[chips];
    this.lastLatencyPicos = new long[chips];
    this.lastTiers = new int[chips][];
    this.lastBytesPerSecond = new double[chips];
  }

  @Override
  public void send(
      Context context, int source, int destination, Step.Transfer transfer,
      ChipProcess.Event arrival) {
    long now = context.nowPicos();
    if (lastDestination[source] != destination) {
      remember(source, destination);
    }
    long serialization =
        LinkSpec.serializationPicos(
            transfer.bytes(), lastBytesPerSecond[source] * transfer.efficiency());
    long leaves;
    if (transfer.multicastCopy()) {
      leaves = lastLeftAtPicos[source];
      serialization = lastSerializationPicos[source];
    } else {
      int port = lastPort[source];
      leaves = Math.max(now + transfer.setupPicos(), portFreeAtPicos[port]);
      portFreeAtPicos[port] = leaves + serialization;
      lastLeftAtPicos[source] = leaves;
      lastSerializationPicos[source] = serialization;
    }
    long[] bytesByTier = tierBytes[source];
    for (int tier : lastTiers[source]) {
      bytesByTier[tier] += transfer.bytes();
    }
    // Chips are processes 0..n-1 in rank order, so a rank is its process id.
    context.send(destination, leaves - now + serialization + lastLatencyPicos[source], arrival);
  }

  /** Caches, in {@code source}'s slots, what its sends to {@code destination} need. */
  private void remember(int source, int destination) {
    Route route = router.route(source, destination);
    int[] tiersCrossed = lastTiers[source];
    if (tiersCrossed == null || tiersCrossed.length != route.links().size()) {
      tiersCrossed = new int[route.links().size()]; // else the chip's own array is reused
    }
    for (int i = 0; i < tiersCrossed.length; i++) {
      tiersCrossed[i] = tierOfLink[route.links().get(i).index()];
    }
    lastTiers[source] = tiersCrossed;
    lastPort[source] = route.links().get(0).index();
    lastLatencyPicos[source] = route.latencyPicos();
    lastBytesPerSecond[source] = router.pairBytesPerSecond(source, destination);
    lastDestination[source] = destination;
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
