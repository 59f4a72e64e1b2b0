/**
 * MLCommons Chakra execution traces: {@link org.supernodesim.workload.trace.chakra.ChakraReader}
 * reads one {@code <prefix>.<rank>.et} per rank into graphs with ASTRA-sim 2.0's meaning (its
 * class comment lists each node type and attribute), {@link
 * org.supernodesim.workload.trace.chakra.ChakraWriter} writes graphs back so that reading them
 * gives the same graphs. The protobuf classes ({@code schema.ChakraSchema}) are generated in the
 * build from {@code src/main/protobuf/chakra_et.proto}, our own copy of the published schema's
 * field numbers.
 *
 * <p>Decisions, with their sources:
 *
 * <ul>
 *   <li>{@code duration_micros} is microseconds, as its name says and as ASTRA-sim converts it
 *       ("chakra runtimes are in microseconds", astra-sim {@code workload/Workload.cc}); a
 *       producer that meant another unit is honoured through {@code Options.durationUnitPicos}.
 *   <li>{@code comm_size} of an ALL_GATHER is each rank's part: ASTRA-sim's ring sets the final
 *       size to {@code data_size x nodes_in_ring} ({@code system/collective/Ring.cc}); the graph
 *       holds the gathered result, as nccl-tests and this simulator count all-gathers.
 *   <li>{@code pg_name} "" or "0" is every rank, as ASTRA-sim's {@code extract_comm_group}; other
 *       groups come from the communicator-group table the caller gives or from the file's
 *       GlobalMetadata ({@code process_group.NAME}).
 *   <li>A collective of 0 bytes is dropped, its dependents waiting for what it waited for:
 *       Chakra's text converter writes one (ALL_REDUCE, size 0) for every NONE of a text
 *       workload, 100 per rank of the converted transformer. A BARRIER is an all-reduce of 0
 *       bytes, which still synchronises its group.
 *   <li>Collectives of one group are matched across ranks by order: the k-th on a group is one
 *       instance (ASTRA-sim pairs them the same way through its stream ids).
 * </ul>
 *
 * <p>Worked example: the converted ResNet-50 (64 files of 215 nodes) reads to 64 graphs of 161
 * measured compute operations (1,083 us in all) and 54 all-reduces over the 64 ranks, the ranks
 * sharing one list of operations. Replayed on one switch with ring all-reduces it takes the text
 * workload's DATA-parallel derivation (compute plus the all-reduces left exposed), which {@code
 * node.chip.TraceReplayTest} checks.
 */
package org.supernodesim.workload.trace.chakra;
