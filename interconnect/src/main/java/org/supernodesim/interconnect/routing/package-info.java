/**
 * Routing: shortest paths by hop count, ties broken by link index so routes never depend on a hash
 * map. Entry point: {@link org.supernodesim.interconnect.routing.Router#route}.
 *
 * <p>Worked example: on a single switch with links of 392 GB/s and 500 ns, the route from chip 0
 * to chip 1 has 2 links, latency 1,000,000 ps and bottleneck 3.92e11 B/s.
 */
package org.supernodesim.interconnect.routing;
