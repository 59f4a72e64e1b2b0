/**
 * Topologies: chips and switches as vertices, directed links with their specs and tiers. Entry
 * point: {@link org.supernodesim.interconnect.topology.Topology#build}, one package-private
 * builder per kind of {@link org.supernodesim.model.fabric.FabricSpec}.
 *
 * <p>Worked example: a single switch with 384 chips has 385 vertices (chip ids 0..383, the switch
 * 384) and 768 links (one up and one down per chip). CloudMatrix384's UB Clos (8 chips per node,
 * 7 planes, 16 L2 switches per plane) has 384 + 336 L1 + 112 L2 = 832 vertices and 2 x (384 x 7 +
 * 48 x 7 x 16) = 16,128 links.
 */
package org.supernodesim.interconnect.topology;
