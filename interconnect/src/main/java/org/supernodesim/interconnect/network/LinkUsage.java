package org.supernodesim.interconnect.network;

import org.supernodesim.interconnect.topology.Topology.Link;

/**
 * What one link carried in a flow-level run.
 *
 * @param link the link, with its tier
 * @param bytes bytes of the flows that finished crossing it
 * @param busyPicos time during which at least one flow was crossing it
 * @param utilisation bytes over what the link could have carried from time 0 to the network's
 *     current time, in [0, 1]
 */
public record LinkUsage(Link link, long bytes, long busyPicos, double utilisation) {}
