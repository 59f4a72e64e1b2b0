/**
 * The collectives, as workloads issue them and results report them.
 *
 * <p>Worked example: an all-reduce over 8 ranks that moves 1 GiB in 5 ms has algorithm bandwidth
 * 2^30 / 0.005 = 214.7 GB/s and bus bandwidth 214.7 * 2 * 7 / 8 = 375.8 GB/s.
 */
package org.supernodesim.model.collective;
