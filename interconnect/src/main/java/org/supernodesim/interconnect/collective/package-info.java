/**
 * Collective algorithms as per-rank schedules of point-to-point {@link
 * org.supernodesim.interconnect.collective.Step}s, one file per algorithm: {@code Ring},
 * {@code Hierarchical}, {@code InSwitch} (NVLS), {@code HalvingDoubling}, {@code
 * DoubleBinaryTree} (all-reduce), {@code Direct} (all-to-all, also uneven), {@code Pipeline}
 * (broadcast, reduce, send/recv), {@code Mesh} (all-reduce, all-gather, reduce-scatter on a full
 * mesh); a scenario names one by its {@code AlgorithmChoice} (cluster-
 * model). Entry point: {@link org.supernodesim.interconnect.collective.Collectives}, which builds
 * the group a list of global ranks forms on a topology, resolves {@code auto} by the algorithms'
 * closed forms, and hands out each member's steps, computed as each member reaches them.
 *
 * <p>Worked example: a ring all-reduce over 4 members of 1,024 bytes gives each member 6 steps,
 * each sending 256 bytes to its successor and receiving 256 from its predecessor. On one HGX H100
 * (370 GB/s calibrated NVLink, 3.4 us per step) a 1 GiB all-reduce: ring 14 x (2^30/8 / 370e9 +
 * 3.4 us) = 5.12 ms; nvls 2 x 25 us + 3.4 us + 2^30 / 274e9 = 3.97 ms, so {@code auto} takes nvls.
 */
package org.supernodesim.interconnect.collective;
