/**
 * The fabric as a logical process: {@link org.supernodesim.node.fabric.FabricProcess} owns the
 * flow-level network and turns chips' transfer requests into arrivals at their destinations.
 *
 * <p>Worked example: on one switch with 450 GB/s links of 1.7 us per hop, the shortest route takes
 * 3.4 us, so the lookahead L is 1.7 us. A chip sends 1 MiB at t = 0: the request reaches the
 * fabric at 1.7 us; the flow drains at 1.7 + 2.33 = 4.03 us; the network reports it route latency
 * minus 2L later, at 4.03 us; the arrival reaches the peer L later, at 5.73 us = 2.33 us on the
 * wire + 3.4 us of route latency, the analytical model's time.
 */
package org.supernodesim.node.fabric;
