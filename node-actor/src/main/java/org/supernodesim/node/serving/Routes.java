package org.supernodesim.node.serving;

import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.workload.inference.ChipRoutes;

/** The fabric's routes as the serving cost model sees them: port, striped bandwidth, latency. */
public record Routes(Router router) implements ChipRoutes {
  @Override
  public int port(int from, int to) {
    return router.route(from, to).links().get(0).index();
  }

  @Override
  public double bytesPerSecond(int from, int to) {
    return router.pairBytesPerSecond(from, to);
  }

  @Override
  public long latencyPicos(int from, int to) {
    return router.route(from, to).latencyPicos();
  }

  @Override
  public int domain(int chip) {
    return router.topology().domainOf(chip);
  }
}
