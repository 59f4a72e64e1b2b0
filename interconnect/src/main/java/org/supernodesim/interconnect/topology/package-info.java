/**
 * Topologies: chips and switches as vertices, directed links with their specs. Entry point: {@link
 * org.supernodesim.interconnect.topology.Topology#build}.
 *
 * <p>Worked example: a single switch with 384 chips has 385 vertices (chip ids 0..383, the switch
 * 384) and 768 links (one up and one down per chip).
 */
package org.supernodesim.interconnect.topology;
