package org.supernodesim.interconnect.network;

import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * The alpha-beta model: a transfer of S bytes takes the route's latency plus S over the route's
 * bottleneck bandwidth, and transfers never slow each other down (Hockney, "The communication
 * challenge for MPP", Parallel Computing 20, 1994). Fast, and what closed forms are checked
 * against.
 */
public final class AnalyticalNetwork {
  private final Router router;

  public AnalyticalNetwork(Router router) {
    this.router = router;
  }

  /** The route a transfer from {@code source} to {@code destination} takes. */
  public Route route(int source, int destination) {
    return router.route(source, destination);
  }

  /**
   * Picoseconds from the first byte leaving {@code source} to the last arriving at {@code
   * destination}, the transfer striped over the pair's parallel paths.
   */
  public long transferPicos(int source, int destination, long bytes) {
    return router.route(source, destination).latencyPicos()
        + LinkSpec.serializationPicos(bytes, router.pairBytesPerSecond(source, destination));
  }

  /** Picoseconds for {@code bytes} over {@code route}: its latency plus bytes over its bottleneck. */
  public static long transferPicos(Route route, long bytes) {
    return route.latencyPicos()
        + LinkSpec.serializationPicos(bytes, route.bottleneckBytesPerSecond());
  }

  /**
   * A lower bound on the delay of any transfer, used as the engine's lookahead: a route is either
   * one chip-to-chip link, or leaves a chip on one link and enters another on a second.
   */
  public long minimumLatencyPicos() {
    int chips = router.topology().chips();
    long direct = Long.MAX_VALUE;
    long out = Long.MAX_VALUE;
    long in = Long.MAX_VALUE;
    for (var link : router.topology().links()) {
      long latency = link.spec().latencyPicos();
      boolean fromChip = link.from() < chips;
      boolean toChip = link.to() < chips;
      if (fromChip && toChip) {
        direct = Math.min(direct, latency);
      } else if (fromChip) {
        out = Math.min(out, latency);
      } else if (toChip) {
        in = Math.min(in, latency);
      }
    }
    long viaSwitch = out == Long.MAX_VALUE || in == Long.MAX_VALUE ? Long.MAX_VALUE : out + in;
    return Math.min(direct, viaSwitch);
  }
}
