package org.supernodesim.workload.inference;

/**
 * What the instance's collectives see of the fabric between two chips: the port a transfer leaves
 * on, its striped bandwidth and its route's latency. The caller adapts the scenario's routes (the
 * interconnect's router) to it, so the serving cost model stays free of the network layer.
 */
public interface ChipRoutes {
  /** The link a transfer from {@code from} to {@code to} leaves its chip on (its port). */
  int port(int from, int to);

  /** The bandwidth one transfer between the two chips reaches alone, bytes per second. */
  double bytesPerSecond(int from, int to);

  /** The route's latency, picoseconds. */
  long latencyPicos(int from, int to);

  /** The scale-up domain (node) a chip belongs to; rings across domains stripe over rails. */
  int domain(int chip);
}
