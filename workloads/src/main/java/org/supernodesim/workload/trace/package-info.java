/**
 * Traces users already have, made into the per-rank {@link
 * org.supernodesim.workload.graph.OperationGraph}s a chip runs: one subpackage per format ({@code
 * trace.chakra}: MLCommons Chakra execution traces; {@code trace.text}: ASTRA-sim 1.0 and
 * SimAI/AICB text workloads), and here what they share:
 *
 * <ul>
 *   <li>{@link org.supernodesim.workload.trace.TraceGraphs}: what an importer returns, one graph
 *       per rank (ranks doing the same work share it) and its notes;
 *   <li>{@link org.supernodesim.workload.trace.TraceInputException}: a trace that cannot be
 *       replayed, located by file, rank, node id or line; the scenario layer maps it to exit 2;
 *   <li>{@link org.supernodesim.workload.trace.TraceNotes}: what an importer did not model or
 *       chose to interpret, one line per kind with its count and first place, never silent;
 *   <li>{@link org.supernodesim.workload.trace.NodeOrder}: a rank's nodes in dependency order,
 *       refusing a dangling dependency, a repeated id or a cycle (shown as its loop of ids);
 *   <li>{@link org.supernodesim.workload.trace.TraceChecks}: the ranks against each other, so a
 *       replay cannot hang: every send has its receive, every collective instance one operation on
 *       each member of its group, alike on all.
 * </ul>
 *
 * <p>Worked example: ASTRA-sim's {@code all_reduce/8npus_1MB} microbenchmark is 8 files, one
 * {@code COMM_COLL_NODE} each ({@code comm_type} 0, {@code comm_size} 1,048,576, no {@code
 * pg_name}). {@code ChakraReader.read(files, Options.defaults())} gives 8 graphs sharing one
 * operation list: an all-reduce of 1 MiB over ranks 0..7, instance 0. On one switch of 100 GB/s
 * links with 1 us from chip to chip, the ring takes 2 x 7 steps of 131,072 B: 14 x (1.311 + 1) us =
 * 32.35 us, which the replay test holds it to within 1 ps per step.
 */
package org.supernodesim.workload.trace;
