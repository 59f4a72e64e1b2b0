/**
 * Per-rank operation graphs: compute and collective {@link
 * org.supernodesim.workload.graph.Operation}s with dependencies, and the {@link
 * org.supernodesim.workload.graph.Progress} of one execution through them.
 *
 * <p>Worked example: a graph [0: compute, 1: all-reduce after 0, 2: compute after 0] lets 1 and 2
 * start together once 0 is done: the all-reduce on the communication stream overlaps the compute.
 */
package org.supernodesim.workload.graph;
