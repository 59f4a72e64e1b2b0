/**
 * Routing: shortest paths by hop count, with deterministic ECMP among equal-cost links (a
 * SplitMix64 hash of source, destination, flow id and hop), so routes never depend on a hash map.
 * Entry point: {@link org.supernodesim.interconnect.routing.Router#route(int, int, long)}.
 *
 * <p>Worked example: on a single switch with links of 392 GB/s and 500 ns, the route from chip 0
 * to chip 1 has 2 links, latency 1,000,000 ps and bottleneck 3.92e11 B/s. On CloudMatrix384's
 * two-tier Clos, chips in different nodes have 7 planes x 16 L2 switches = 112 routes of 4 links.
 */
package org.supernodesim.interconnect.routing;
