/**
 * Fabric specs: how chips are wired ({@link org.supernodesim.model.fabric.FabricSpec}) and one
 * direction of a link ({@link org.supernodesim.model.fabric.LinkSpec}).
 *
 * <p>Worked example: a 1 GiB transfer over a 392 GB/s link takes {@code
 * serializationPicos(1 << 30)} = round(2^30 / 3.92e11 * 1e12) = 2,739,137,306 ps (2.74 ms) on the
 * wire, plus the link latency.
 */
package org.supernodesim.model.fabric;
