package org.supernodesim.interconnect.routing;

import java.util.List;
import org.supernodesim.interconnect.topology.Topology.Link;

/**
 * The links a transfer crosses from one chip to another, in order.
 *
 * @param links the hops
 * @param latencyPicos the sum of the hops' latencies
 * @param bottleneckBytesPerSecond the smallest bandwidth along the way
 */
public record Route(List<Link> links, long latencyPicos, double bottleneckBytesPerSecond) {

  /** A route over {@code links}, its latency and bottleneck derived from them. */
  public static Route of(List<Link> links) {
    long latency = 0;
    double bottleneck = Double.POSITIVE_INFINITY;
    for (Link l : links) {
      latency += l.spec().latencyPicos();
      bottleneck = Math.min(bottleneck, l.spec().bytesPerSecond());
    }
    return new Route(List.copyOf(links), latency, bottleneck);
  }
}
