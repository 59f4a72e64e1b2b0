/**
 * Per-rank operation graphs: compute ({@link org.supernodesim.workload.graph.Operation.Compute},
 * {@link org.supernodesim.workload.graph.Operation.Kernels}, a trace's {@link
 * org.supernodesim.workload.graph.Operation.Measured} duration), waits that hold no stream ({@link
 * org.supernodesim.workload.graph.Operation.Delay}), point-to-point and collective communication,
 * with dependencies; the {@link org.supernodesim.workload.graph.Progress} of one execution through
 * them; and {@link org.supernodesim.workload.graph.GraphPool}, which lets the ranks of a workload
 * share what they have in common.
 *
 * <p>Worked example: a graph [0: compute, 1: all-reduce after 0, 2: compute after 0] lets 1 and 2
 * start together once 0 is done: the all-reduce on the communication stream overlaps the compute.
 *
 * <p>Memory: a graph's operations and its dependency index are immutable and shared by every rank
 * with the same work ({@link org.supernodesim.workload.graph.OperationGraph#forRank}) or the same
 * dependencies ({@link org.supernodesim.workload.graph.OperationGraph#withSameShape}); a run adds
 * one count per operation. 64 ranks of a 311-operation transformer pass hold 241 compute and
 * update objects once and each collective once per group, not 64 x 311 objects.
 */
package org.supernodesim.workload.graph;
