/**
 * Collective algorithms as per-rank schedules of point-to-point {@link
 * org.supernodesim.interconnect.collective.Step}s. One file per algorithm; {@link
 * org.supernodesim.interconnect.collective.CollectiveAlgorithm#named} picks one.
 *
 * <p>Worked example: a ring all-reduce over 4 members of 1,024 bytes gives each member 6 steps,
 * each sending 256 bytes to its successor and receiving 256 from its predecessor.
 */
package org.supernodesim.interconnect.collective;
