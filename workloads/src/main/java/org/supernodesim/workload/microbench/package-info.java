/**
 * Micro-benchmark workloads: collectives timed one after another, as nccl-tests does.
 *
 * <p>Worked example: entries [all-reduce 1 GiB over 8, all-gather 1 GiB over 8] on 8 chips give
 * each rank a graph of two collectives, the second after the first.
 */
package org.supernodesim.workload.microbench;
